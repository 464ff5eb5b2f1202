#!/usr/bin/env bash
# The contract suite against a separately started emulator process (target url): the same test classes
# as the in-process stage, now over a real socket to the Release-built emulator.
set -uo pipefail
cd "$ROOT"
source "$ROOT/scripts/lib.sh"
source "$ROOT/scripts/emulator-process.sh"
start_emulator || exit 1
trap stop_emulator EXIT
echo "emulator at $EMULATOR_URL (pid $EMULATOR_PID)"
VO_TARGET=url run_dotnet_test "contract suite (url)" \
  contract-tests/VirtualOperator.ContractTests/VirtualOperator.ContractTests.csproj -c Release --no-build
rc=$?
cat "$ROOT/.test-output/contract-url.txt" 2>/dev/null
exit $rc
