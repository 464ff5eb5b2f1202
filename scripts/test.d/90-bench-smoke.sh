#!/usr/bin/env bash
# A few seconds of every benchmark phase (start-up, throughput against the emulator, the bare baseline and
# WireMock.Net, memory, growth), so the bench cannot rot. No thresholds: it fails only when a phase cannot
# run or a server answers errors. The real numbers come from scripts/bench.sh (docs/performance.md).
set -uo pipefail
cd "$ROOT"
out="$ROOT/.test-output/bench-smoke.md"
if dotnet bench/VirtualOperator.Bench/bin/Release/net10.0/VirtualOperator.Bench.dll smoke --out "$out"; then
  echo "bench smoke|1|0|0" >> "$VO_RESULTS"
else
  echo "bench smoke|0|1|0" >> "$VO_RESULTS"
  exit 1
fi
