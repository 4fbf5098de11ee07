#!/usr/bin/env bash
# Client-side instructions per call, SDK against the hand-written baseline, counted by
# valgrind (callgrind): a figure that, unlike wall-clock time, does not move with the load of
# the machine. It complements the criterion timings of benches/sdk_vs_baseline.rs and uses its
# contenders (BENCH_PROFILE mode: N sequential calls of one contender against the bench's
# fixed-bytes servers, on a single-threaded runtime).
#
# Counted: the user-space instructions of the client's thread (the servers' threads are
# excluded; the kernel's share of a call, which is the same for both, is not seen by valgrind).
# Per call = (count for 1,300 calls - count for 300 calls) / 1,000, which removes start-up.
#
# Then, per vendor, where the difference goes by kind of work (scripts/callgrind-breakdown.py).
#
# REFERENCE picks the other side: `baseline` (the hand-written calls, the default), `fair` (the
# fair baseline: fixed headers as default headers), `peer` (progenitor's own client) or
# `unchecked` (the SDK itself with the check against the spec off: what the check costs).
#
# Usage: [REFERENCE=fair] scripts/bench-instructions.sh     (about 30 seconds; needs valgrind)
set -euo pipefail
REF=${REFERENCE:-baseline}
case $REF in baseline | fair | peer | unchecked) ;; *) echo "REFERENCE: baseline, fair, peer or unchecked" >&2; exit 2 ;; esac

cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is required" >&2; exit 1; }
BIN=$(cargo bench --bench sdk_vs_baseline --features sandbox --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "sdk_vs_baseline" and m.get("executable"):
        print(m["executable"])' | tail -1)
[ -x "$BIN" ] || { echo "could not build the bench" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

count() { # contender calls -> instructions of the client thread
  BENCH_PROFILE=$1 BENCH_PROFILE_CALLS=$2 valgrind --tool=callgrind --separate-threads=yes \
    --callgrind-out-file="$WORK/$1.$2" "$BIN" >/dev/null 2>&1
  grep -m1 '^summary' "$WORK/$1.$2-01" | awk '{print $2}'
}
per_call() { echo $(( ($(count "$1" 1300) - $(count "$1" 300)) / 1000 )); }

echo "| call | SDK instructions/call | $REF | ratio |"
echo "|---|---|---|---|"
for vendor in cro pdm foxtrot; do
  s=$(per_call "${vendor}_sdk")
  b=$(per_call "${vendor}_${REF}")
  python3 -c "import sys; s, b = int(sys.argv[2]), int(sys.argv[3]); print(f'| {sys.argv[1]} get_customer | {s:,} | {b:,} | **{s / b:.3f}×** |')" "$vendor" "$s" "$b"
done

for vendor in cro pdm foxtrot; do
  printf '\n%s get_customer:\n\n' "$vendor"
  python3 scripts/callgrind-breakdown.py \
    "$WORK/${vendor}_sdk.1300-01" "$WORK/${vendor}_sdk.300-01" \
    "$WORK/${vendor}_${REF}.1300-01" "$WORK/${vendor}_${REF}.300-01" 1000
done
