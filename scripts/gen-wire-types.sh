#!/usr/bin/env bash
# Regenerates emulator/VirtualOperator.Emulator/Api/*.g.cs (request and response types of every RPC action) from
# fixtures/api/catalog.json, and Protocol/Dispatch/HandlerTypes.g.cs (the classes that declare handlers). The generator lives in the test project (Protocol/WireTypes/WireTypesGenerator.cs); its test
# fails in CI when the checked-in files are not what it writes. Run this after editing the catalog, then build.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
dotnet build emulator/VirtualOperator.Emulator.Tests -c Release -nologo -v q
VO_UPDATE_WIRE_TYPES=1 dotnet test emulator/VirtualOperator.Emulator.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~GeneratedWireTypes_MatchTheCatalog|FullyQualifiedName~HandlerTypes_ListEveryClassThatDeclaresAnAction"
dotnet build emulator/VirtualOperator.Emulator -c Release -nologo -v q
ls -1 emulator/VirtualOperator.Emulator/Api/*.g.cs
