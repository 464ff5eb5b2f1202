#!/usr/bin/env bash
# Runs every test of the project, on a fresh machine: restore, build, the .NET suites (emulator unit
# tests and the contract suite against every offline target), the official-SDK checks, the bench smoke.
# Each stage is one file in scripts/test.d/, run in name order; a failing stage fails the run, but the
# later stages still run so one report shows everything.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export ROOT
export VO_RESULTS="$ROOT/.test-output/results.txt"
mkdir -p "$ROOT/.test-output"
: > "$VO_RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
source "$ROOT/scripts/lib.sh"

status=0
for stage in "$ROOT"/scripts/test.d/*.sh; do
  name="$(basename "$stage" .sh)"
  if [ -n "${VO_STAGES:-}" ] && ! grep -qw -- "$name" <<<"$VO_STAGES"; then continue; fi
  echo "=== stage $name"
  start=$(date +%s)
  if bash "$stage"; then echo "=== stage $name ok ($(( $(date +%s) - start ))s)"
  else echo "=== stage $name FAILED ($(( $(date +%s) - start ))s)"; status=1
    # Nothing after a failed build can run meaningfully.
    case "$name" in *build*) break ;; esac
  fi
done

summarize_results
exit $status
