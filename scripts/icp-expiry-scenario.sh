#!/usr/bin/env bash
# The overview's ICP case in one command (docs/icp-filing.md): a customer's ECS instance gets a service number, the
# customer starts the ICP filing in the partner's embedded console, the 1-hour logon-free session expires mid-filing,
# and then either the customer signs in again and completes it (approved, ICP number shown), abandons it (draft kept,
# no filing, number still bound), or a rejected filing is fixed and submitted again.
# Runs, in order: the real-browser scenario (Debian chromium through Playwright, screenshots in
# .test-output/screenshots/icp-*.png), the contract scenario over the wire, and the pop-core SDK checks of Bsn.
#   scripts/icp-expiry-scenario.sh            build (Release) first
#   scripts/icp-expiry-scenario.sh --no-build use the existing Release build
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ "${1:-}" = "--no-build" ] || dotnet build VirtualOperator.Emulator.sln -c Release -nologo -v quiet
command -v chromium >/dev/null 2>&1 || bash scripts/test.d/15-browser-deps.sh
start=$(date +%s)
dotnet test emulator/VirtualOperator.Emulator.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~Browser.IcpFilingBrowserTests" --logger "console;verbosity=normal" | grep -E "wall time|Passed|Failed|Skipped|Total"
browser=$(( $(date +%s) - start ))
dotnet test contract-tests/VirtualOperator.ContractTests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~Products.Bsn" | grep -E "Passed!|Failed!|Failed "
( cd contract-tests/sdk-checks && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; } &&
  EMULATOR_DLL="$ROOT/emulator/VirtualOperator.Emulator/bin/Release/net10.0/VirtualOperator.Emulator.dll" \
  node --test --test-reporter=tap tests/bsn.test.js | grep -E "^(ok|not ok)|^# (pass|fail)" )
echo "browser scenario: ${browser} s wall time (including test-host start); screenshots: $ROOT/.test-output/screenshots/icp-*.png"
