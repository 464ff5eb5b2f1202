#!/usr/bin/env bash
# The contract suite against recorded answers (target replay): WireMock.Net serves fixtures/replay/, so the
# real target's code path runs offline. Calls match on their test, number, action and parameters; a parity test
# (ParityCandidate, Validated) without a recording fails, other tests without one are skipped with the reason.
set -uo pipefail
source "$ROOT/scripts/lib.sh"
source "$ROOT/scripts/contract-lib.sh"
run_contract_suite replay
