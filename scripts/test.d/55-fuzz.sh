#!/usr/bin/env bash
# Fuzzing stays (issue 11, item 9): a seeded, bounded run of scripts/fuzz/fuzz.mjs against a separately started
# emulator process: every catalog action of fixtures/api/catalog.json and every route of GET /_emulator/routes,
# both read at run time, plus raw malformed HTTP. Prints the counts by status; fails on any 5xx other than
# 501 NotImplemented and 505. Same seed, same requests: VO_FUZZ_SEED=N bash scripts/test.sh to vary it.
set -uo pipefail
cd "$ROOT"
source "$ROOT/scripts/lib.sh"
source "$ROOT/scripts/contract-lib.sh"
start_emulator || { echo "fuzz|0|1|0" >> "$VO_RESULTS"; exit 1; }
trap stop_emulator EXIT
if node scripts/fuzz/fuzz.mjs --url "$EMULATOR_URL" --seed "${VO_FUZZ_SEED:-20261201}" --requests "${VO_FUZZ_REQUESTS:-10500}"; then
  echo "fuzz (seeded, every catalog action and route)|1|0|0" >> "$VO_RESULTS"
else
  echo "fuzz (seeded, every catalog action and route)|0|1|0" >> "$VO_RESULTS"
  exit 1
fi
