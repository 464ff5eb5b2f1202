#!/usr/bin/env bash
# Proves the recording path offline: scripts/record.sh --stand-in records the parity tests (ParityCandidate) through the
# WireMock.Net proxy against a separately started emulator standing in for the real cloud, into a scratch
# directory (secrets scrubbed, checked), and the suite then replays that fresh recording.
# Also: a run against `real` without credentials fails fast, naming the variables to set.
set -uo pipefail
cd "$ROOT"
source "$ROOT/scripts/lib.sh"
source "$ROOT/scripts/contract-lib.sh"
project="$ROOT/$CONTRACT_PROJECT"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export VO_REPLAY_DIR="$scratch/replay" VO_SNAPSHOT_DIR="$scratch/snapshots"
status=0

log="$scratch/record.log"
bash "$ROOT/scripts/record.sh" --stand-in --no-build 2>&1 | tee "$log"
if [ "${PIPESTATUS[0]}" -eq 0 ] && [ -n "$(ls -A "$VO_REPLAY_DIR" 2>/dev/null)" ]; then
  echo "record through proxy (stand-in)|1|0|0" >> "$VO_RESULTS"
else
  echo "record through proxy (stand-in)|0|1|0" >> "$VO_RESULTS"; status=1
fi
mv "$ROOT/.test-output/contract-real.json" "$ROOT/.test-output/contract-record-standin.json" 2>/dev/null
mv "$ROOT/.test-output/contract-real.xml" "$ROOT/.test-output/contract-record-standin.xml" 2>/dev/null
mv "$ROOT/.test-output/contract-real.txt" "$ROOT/.test-output/contract-record-standin.txt" 2>/dev/null

VO_REPORT_DIR="$scratch/report" VO_TARGET=replay run_dotnet_test "contract suite (replay of fresh recording)" "$project" -c Release --no-build \
  --filter "Parity=ParityCandidate|Parity=Validated" || status=1
cat "$scratch/report/contract-replay.txt" 2>/dev/null

# Without credentials the real target must fail at once and say what to set.
out="$(env -u VO_REAL_ACCESS_KEY_ID -u VO_REAL_ACCESS_KEY_SECRET -u VO_REAL_ACCOUNT_UID VO_TARGET=real VO_REPORT_DIR="$scratch/report" \
  dotnet test "$project" -c Release --no-build --filter "Parity=ParityCandidate" 2>&1)"
if [ $? -ne 0 ] && grep -q "VO_TARGET=real needs a real test account; set VO_REAL_ACCESS_KEY_ID, VO_REAL_ACCESS_KEY_SECRET, VO_REAL_ACCOUNT_UID" <<<"$out"; then
  echo "real target without credentials: fails fast with the message (ok)"
  echo "real without credentials fails fast|1|0|0" >> "$VO_RESULTS"
else
  echo "real target without credentials did NOT fail with the expected message:"; tail -20 <<<"$out"
  echo "real without credentials fails fast|0|1|0" >> "$VO_RESULTS"; status=1
fi
exit $status
