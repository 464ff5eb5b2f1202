#!/usr/bin/env bash
# Restore and build everything once (Release), so the later stages only run.
set -euo pipefail
cd "$ROOT"
dotnet restore VirtualOperator.Emulator.sln
dotnet build VirtualOperator.Emulator.sln -c Release --no-restore
