#!/usr/bin/env bash
# The contract suite against a separately started emulator process (target url): the same test classes
# as the in-process stage, now over a real socket to the Release-built emulator.
set -uo pipefail
source "$ROOT/scripts/lib.sh"
source "$ROOT/scripts/contract-lib.sh"
start_emulator || exit 1
trap stop_emulator EXIT
echo "emulator at $EMULATOR_URL (pid $EMULATOR_PID)"
run_contract_suite url
