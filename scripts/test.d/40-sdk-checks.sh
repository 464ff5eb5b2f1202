#!/usr/bin/env bash
# The official Alibaba Cloud SDKs from npm against a real emulator process on a free loopback port.
set -uo pipefail
cd "$ROOT/contract-tests/sdk-checks"
source "$ROOT/scripts/lib.sh"
npm ci --no-audit --no-fund >/dev/null || { echo "npm ci failed"; exit 1; }
log="$(mktemp)"
EMULATOR_DLL="$ROOT/emulator/VirtualOperator.Emulator/bin/Release/net10.0/VirtualOperator.Emulator.dll" \
  node --test --test-concurrency=1 --test-reporter=tap tests/ 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
record_node_counts "official SDK checks (node)" "$log"
rm -f "$log"
exit $rc
