#!/usr/bin/env bash
# Emulator unit tests and everything else xunit runs in-process.
set -uo pipefail
cd "$ROOT"
source "$ROOT/scripts/lib.sh"
run_dotnet_test "emulator unit tests" emulator/VirtualOperator.Emulator.Tests/VirtualOperator.Emulator.Tests.csproj -c Release --no-build
