#!/usr/bin/env bash
# Repro bundles: one partner's whole world (customers, credit, orders, instances, messages, every product's
# state, its clock, faults and journal) as one file, to attach to a bug report and load into any emulator.
#
#   scripts/repro.sh export UID [FILE]        FILE defaults to partner-UID.bundle.json
#   scripts/repro.sh import FILE [--replace]  --replace: replace a partner of the same uid (refused otherwise)
#
# EMULATOR_URL (default http://127.0.0.1:4590) picks the emulator; EMULATOR_CONTROL_TOKEN, when the emulator
# was started with a control token, is sent as "Authorization: Bearer <token>".
set -euo pipefail

url="${EMULATOR_URL:-http://127.0.0.1:4590}"
url="${url%/}"
auth=()
if [ -n "${EMULATOR_CONTROL_TOKEN:-}" ]; then auth=(-H "Authorization: Bearer $EMULATOR_CONTROL_TOKEN"); fi

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# Runs curl, prints the body to $1 (or stdout) and fails with the server's {"error"} on a 4xx/5xx.
call() {
  local out="$1"; shift
  local tmp; tmp="$(mktemp)"
  local status
  status=$(curl -sS -o "$tmp" -w '%{http_code}' "${auth[@]}" "$@") || { rm -f "$tmp"; echo "repro: cannot reach $url" >&2; exit 1; }
  if [ "$status" -ge 400 ]; then
    echo "repro: HTTP $status: $(cat "$tmp")" >&2
    rm -f "$tmp"
    exit 1
  fi
  if [ "$out" = "-" ]; then cat "$tmp"; echo; rm -f "$tmp"; else mv "$tmp" "$out"; fi
}

case "${1:-}" in
  export)
    uid="${2:-}"; [ -n "$uid" ] || usage
    file="${3:-partner-$uid.bundle.json}"
    call "$file" "$url/_emulator/partners/$uid/bundle"
    echo "exported partner $uid to $file ($(wc -c < "$file") bytes)"
    ;;
  import)
    file="${2:-}"; [ -n "$file" ] && [ -f "$file" ] || usage
    query=""
    [ "${3:-}" = "--replace" ] && query="?replace=true"
    call - -X POST -H 'Content-Type: application/json' --data-binary "@$file" "$url/_emulator/bundles$query"
    ;;
  *) usage ;;
esac
