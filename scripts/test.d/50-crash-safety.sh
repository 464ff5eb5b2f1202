#!/usr/bin/env bash
# Crash safety (issue 11): an emulator process on a data file under parallel writes of every kind (customers, quotas and
# consumption with OutBizId, CreateInstance / RenewInstance with ClientToken), killed with SIGKILL at random points for
# several rounds and restarted; after each kill its data file must hold every acknowledged write exactly once and nothing
# half-applied (docs/durability.md). Prints the rounds and the counts (acknowledged, lost, doubled, half-applied).
set -uo pipefail
cd "$ROOT"
dll="$ROOT/emulator/VirtualOperator.Emulator/bin/Release/net10.0/VirtualOperator.Emulator.dll"
if dotnet emulator/VirtualOperator.CrashTest/bin/Release/net10.0/VirtualOperator.CrashTest.dll \
    --emulator "$dll" --rounds "${VO_CRASH_ROUNDS:-5}" --seed "${VO_CRASH_SEED:-11}"; then
  echo "crash safety|1|0|0" >> "$VO_RESULTS"
else
  echo "crash safety|0|1|0" >> "$VO_RESULTS"
  exit 1
fi
