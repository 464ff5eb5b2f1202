#!/usr/bin/env bash
# The contract suite against recorded answers (target replay): WireMock.Net serves fixtures/replay/, so the
# real target's code path runs offline. Tests without a recording are skipped with the reason.
set -uo pipefail
cd "$ROOT"
source "$ROOT/scripts/lib.sh"
VO_TARGET=replay run_dotnet_test "contract suite (replay)" \
  contract-tests/VirtualOperator.ContractTests/VirtualOperator.ContractTests.csproj -c Release --no-build
rc=$?
cat "$ROOT/.test-output/contract-replay.txt" 2>/dev/null
exit $rc
