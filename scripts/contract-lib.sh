# Helpers for the contract-suite stages and the record script. Sourced, not run (after scripts/lib.sh).
#   run_contract_suite <target> [dotnet test args...]
#                                    runs the suite against VO_TARGET=<target> (Release, no build), records its
#                                    counts, and prints the per-target table the suite wrote; the harness's own
#                                    unit tests (HarnessTests) do not depend on the target and run with inprocess only
#   start_emulator [extra args...]   starts the Release-built emulator on a free loopback port (--urls http://127.0.0.1:0),
#                                    waits for its "listening on" line, sets EMULATOR_URL and EMULATOR_PID
#   stop_emulator                    stops that process (by its pid) and waits for it

start_emulator() {
  local dll="${EMULATOR_DLL:-$ROOT/emulator/VirtualOperator.Emulator/bin/Release/net10.0/VirtualOperator.Emulator.dll}"
  [ -f "$dll" ] || { echo "emulator not built: $dll (run dotnet build -c Release, or set EMULATOR_DLL)"; return 1; }
  EMULATOR_LOG="$(mktemp)"
  Logging__LogLevel__Default=Warning dotnet "$dll" --urls http://127.0.0.1:0 "$@" >"$EMULATOR_LOG" 2>&1 &
  EMULATOR_PID=$!
  local i
  for i in $(seq 1 600); do
    EMULATOR_URL="$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$EMULATOR_LOG" | head -1 | sed 's/listening on //')"
    if [ -n "$EMULATOR_URL" ]; then export EMULATOR_URL EMULATOR_PID; return 0; fi
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then echo "emulator exited:"; cat "$EMULATOR_LOG"; return 1; fi
    sleep 0.1
  done
  echo "emulator did not print its address in 60 s:"; cat "$EMULATOR_LOG"
  stop_emulator
  return 1
}

stop_emulator() {
  if [ -n "${EMULATOR_PID:-}" ] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill "$EMULATOR_PID" && wait "$EMULATOR_PID" 2>/dev/null
  fi
  EMULATOR_PID=""
  rm -f "${EMULATOR_LOG:-}"
}

CONTRACT_PROJECT=contract-tests/VirtualOperator.ContractTests/VirtualOperator.ContractTests.csproj

run_contract_suite() {
  local target="$1"; shift
  [ "$target" != inprocess ] && set -- --filter "FullyQualifiedName~VirtualOperator.ContractTests.Products" "$@"
  VO_TARGET="$target" run_dotnet_test "contract suite ($target)" "$ROOT/$CONTRACT_PROJECT" -c Release --no-build "$@"
  local rc=$?
  cat "${VO_REPORT_DIR:-$ROOT/.test-output}/contract-$target.txt" 2>/dev/null
  return $rc
}
