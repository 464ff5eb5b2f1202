#!/usr/bin/env bash
# Records contract tests against the real cloud through WireMock.Net proxies: writes the scrubbed replay
# mappings (fixtures/replay/) and the normalized snapshots (fixtures/snapshots/) of the tests it runs.
#
#   scripts/record.sh [--filter <dotnet test filter>] [--no-build]
#       against a real test account: needs VO_REAL_ACCESS_KEY_ID, VO_REAL_ACCESS_KEY_SECRET, VO_REAL_ACCOUNT_UID
#       (optional VO_REAL_SECURITY_TOKEN, VO_REAL_ENDPOINT_<PRODUCT>, VO_ALLOW_COST=customers,money, VO_RUN_TAG)
#   scripts/record.sh --stand-in [--filter ...]
#       offline: a freshly started emulator process stands in for the real cloud (proves the recording path;
#       fixtures/replay/recorded-from.json and the snapshot files then say "emulator stand-in", never "real")
#
# Default filter: every parity test, ParityCandidate and Validated (EmulatorOnly tests are skipped against real anyway).
# A ParityCandidate test becomes [Validated] only once its recording says "real" (a harness test enforces it).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ROOT
cd "$ROOT"
filter="Parity=ParityCandidate|Parity=Validated"
stand_in=0
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --stand-in) stand_in=1 ;;
    --filter) filter="$2"; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)"; exit 2 ;;
  esac
  shift
done

source "$ROOT/scripts/contract-lib.sh"
project="$ROOT/$CONTRACT_PROJECT"
if [ $build = 1 ]; then
  dotnet build "$project" -c Release -v q -nologo >/dev/null || { echo "build failed: dotnet build $project -c Release"; exit 1; }
fi

if [ $stand_in = 1 ]; then
  start_emulator || exit 1
  trap stop_emulator EXIT
  partner="$(curl -sf -X POST -H 'content-type: application/json' -d '{"name":"record stand-in","testAccount":true}' "$EMULATOR_URL/_emulator/partners")" \
    || { echo "could not create a partner on the stand-in emulator"; exit 1; }
  field() { sed -E "s/.*\"$1\":\"([^\"]*)\".*/\1/" <<<"$partner"; }
  export VO_REAL_ACCESS_KEY_ID="$(field accessKeyId)" VO_REAL_ACCESS_KEY_SECRET="$(field accessKeySecret)" VO_REAL_ACCOUNT_UID="$(field uid)"
  export VO_REAL_ENDPOINT="$EMULATOR_URL" VO_ALLOW_COST="${VO_ALLOW_COST:-all}"
  export VO_RECORD_SOURCE="emulator stand-in (scripts/record.sh --stand-in)"
  echo "recording against the stand-in emulator at $EMULATOR_URL (partner $VO_REAL_ACCOUNT_UID)"
else
  # Only a recording from the real cloud may say "real": the source is not taken from the environment, and an
  # endpoint override (VO_REAL_ENDPOINT*) may point anywhere, so it is named instead.
  overrides="$(env | grep -E '^VO_REAL_ENDPOINT' | sort | tr '\n' ' ')"
  if [ -n "$overrides" ]; then export VO_RECORD_SOURCE="endpoint override: ${overrides% }"; else export VO_RECORD_SOURCE=real; fi
fi

VO_TARGET=real VO_RECORD=1 VO_SNAPSHOT_UPDATE=1 \
  dotnet test "$project" -c Release --no-build --filter "$filter"
rc=$?
cat "$ROOT/.test-output/contract-real.txt" 2>/dev/null

# Last line of defence (the recorder already scrubs and refuses): no credential value in any written file.
replay_dir="${VO_REPLAY_DIR:-$ROOT/fixtures/replay}" snapshot_dir="${VO_SNAPSHOT_DIR:-$ROOT/fixtures/snapshots}"
for secret in "${VO_REAL_ACCESS_KEY_ID:-}" "${VO_REAL_ACCESS_KEY_SECRET:-}" "${VO_REAL_SECURITY_TOKEN:-}"; do
  [ -z "$secret" ] && continue
  if grep -rqF -- "$secret" "$replay_dir" "$snapshot_dir" 2>/dev/null; then
    echo "SECRET LEAK: a credential value is in $(grep -rlF -- "$secret" "$replay_dir" "$snapshot_dir" | head -3)"; exit 1
  fi
done
echo "recordings (no credential in them): $replay_dir and $snapshot_dir"
exit $rc
