#!/usr/bin/env bash
# The contract suite against recorded answers (target replay): WireMock.Net serves fixtures/replay/, so the
# real target's code path runs offline. Tests without a recording are skipped with the reason.
set -uo pipefail
source "$ROOT/scripts/lib.sh"
source "$ROOT/scripts/contract-lib.sh"
run_contract_suite replay
