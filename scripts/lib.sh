# Shared helpers for scripts/test.d stages. Sourced, not run.

# Runs `dotnet test` with the given arguments, echoes its output, and records the counts of every
# "Passed!/Failed!  - Failed: N, Passed: N, Skipped: N" line it prints in $VO_RESULTS.
run_dotnet_test() {
  local label="$1"; shift
  local log; log="$(mktemp)"
  dotnet test "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  grep -E '(Passed|Failed)!  - Failed:' "$log" | while read -r line; do
    f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
    echo "$label|$p|$f|$s" >> "$VO_RESULTS"
  done
  rm -f "$log"
  return $rc
}

# Records counts from node's test runner summary (# pass N / # fail N / # skipped N).
record_node_counts() {
  local label="$1" log="$2"
  local p f s
  p=$(grep -E '^# pass ' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail ' "$log" | tail -1 | awk '{print $3}')
  s=$(grep -E '^# skipped ' "$log" | tail -1 | awk '{print $3}')
  echo "$label|${p:-0}|${f:-1}|${s:-0}" >> "$VO_RESULTS"
}

summarize_results() {
  echo
  echo "=== results"
  local tp=0 tf=0 ts=0
  while IFS='|' read -r label p f s; do
    [ -z "$label" ] && continue
    printf '%-40s passed %5d  failed %3d  skipped %3d\n' "$label" "$p" "$f" "$s"
    tp=$((tp + p)); tf=$((tf + f)); ts=$((ts + s))
  done < "$VO_RESULTS"
  echo "$tp passed, $tf failed, $ts skipped"
}
