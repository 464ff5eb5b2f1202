#!/usr/bin/env bash
# Reproduces docs/performance.md: builds the bench, publishes the emulator and the bare baseline app (Release, ReadyToRun), then runs
# every phase in one process with one load generator (about 8 minutes on 2 cores). The results table is printed
# and written to .bench-output/run.md. Extra arguments go to the bench, e.g.
#   scripts/bench.sh --phases throughput --connections 8 --duration 5     (a focused look while developing)
#   scripts/bench.sh micro --filter '*Signature*'                         (BenchmarkDotNet micro-benchmarks)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/VirtualOperator.Bench/VirtualOperator.Bench.csproj -c Release -nologo -v q
command=run
if [ "${1:-}" = "micro" ] || [ "${1:-}" = "smoke" ]; then command="$1"; shift; fi
bench=(dotnet bench/VirtualOperator.Bench/bin/Release/net10.0/VirtualOperator.Bench.dll "$command")
if [ "$command" = "micro" ]; then exec "${bench[@]}" "$@"; fi
# Both servers are built the same way, as the Dockerfile ships the emulator: published ReadyToRun (framework-
# dependent, linux-x64), so start-up compares the apps and not how much of each the JIT must compile (LiteDB
# alone is most of the emulator's start-up JIT time). An --emulator-dll/--bare-dll given below wins over these.
publish() { dotnet publish "$1" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$2" -nologo -v q; }
publish emulator/VirtualOperator.Emulator/VirtualOperator.Emulator.csproj .bench-output/publish/emulator
publish bench/VirtualOperator.Bench.BareApp/VirtualOperator.Bench.BareApp.csproj .bench-output/publish/bare
exec "${bench[@]}" --emulator-dll .bench-output/publish/emulator/VirtualOperator.Emulator.dll \
  --bare-dll .bench-output/publish/bare/VirtualOperator.Bench.BareApp.dll "$@"
