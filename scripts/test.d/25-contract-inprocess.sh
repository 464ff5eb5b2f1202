#!/usr/bin/env bash
# The contract suite against the emulator hosted in the test process (the default target).
set -uo pipefail
cd "$ROOT"
source "$ROOT/scripts/lib.sh"
VO_TARGET=inprocess run_dotnet_test "contract suite (inprocess)" \
  contract-tests/VirtualOperator.ContractTests/VirtualOperator.ContractTests.csproj -c Release --no-build
rc=$?
cat "$ROOT/.test-output/contract-inprocess.txt" 2>/dev/null
exit $rc
