#!/usr/bin/env bash
# The contract suite against the emulator hosted in the test process (the default target).
set -uo pipefail
source "$ROOT/scripts/lib.sh"
source "$ROOT/scripts/contract-lib.sh"
run_contract_suite inprocess
