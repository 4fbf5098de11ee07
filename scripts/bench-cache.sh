#!/usr/bin/env bash
# Why a call's time ratio can exceed its instruction ratio: valgrind's cache and branch
# simulation (cachegrind) of the bench's contenders, SDK against the hand-written baseline.
# Like bench-instructions.sh, each figure is per call: (run of 1,300 calls - run of 300
# calls) / 1,000. Unlike it, all threads are counted (the fixed-bytes server's share is the
# same for both contenders).
#
# "est. cycles" is a rough model, not a measurement: instructions + 10 per L1 miss +
# 15 per mispredicted branch + 100 per last-level miss. Its ratio tracks the wall-clock
# ratios of benches/sdk_vs_baseline.rs better than the instruction ratio does, because most of
# the SDK's extra cost is L1 misses (more code on the call path, more memory written).
#
# REFERENCE picks the other side, as in bench-instructions.sh: `baseline` (the default), `fair`
# or `peer`.
#
# Usage: [REFERENCE=fair] scripts/bench-cache.sh     (about 30 seconds; needs valgrind)
set -euo pipefail
REF=${REFERENCE:-baseline}
case $REF in baseline | fair | peer) ;; *) echo "REFERENCE: baseline, fair or peer" >&2; exit 2 ;; esac

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

simulate() { # contender: two runs, in parallel
  for n in 300 1300; do
    BENCH_PROFILE=$1 BENCH_PROFILE_CALLS=$n valgrind --tool=cachegrind --cache-sim=yes \
      --branch-sim=yes --cachegrind-out-file="$WORK/$1.$n" "$BIN" >/dev/null 2>&1 &
  done
  wait
}

echo "| call | contender | instructions | L1 instruction misses | L1 data read misses | L1 data write misses | mispredicted branches | est. cycles |"
echo "|---|---|---|---|---|---|---|---|"
for vendor in cro pdm foxtrot; do
  simulate "${vendor}_sdk"
  simulate "${vendor}_${REF}"
  python3 - "$WORK" "$vendor" "$REF" <<'PY'
import sys

work, vendor, ref = sys.argv[1], sys.argv[2], sys.argv[3]


def per_call(contender):
    def summary(n):
        with open(f"{work}/{contender}.{n}") as f:
            for line in f:
                if line.startswith("summary:"):
                    return [int(x) for x in line.split()[1:]]
        raise SystemExit(f"no summary for {contender}")

    # Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim
    d = [(a - b) / 1000 for a, b in zip(summary(1300), summary(300))]
    ir, i1, d1r, d1w = d[0], d[1], d[4], d[7]
    mispredicted = d[10] + d[12]
    last_level = d[2] + d[5] + d[8]
    cycles = ir + 10 * (i1 + d1r + d1w) + 15 * mispredicted + 100 * last_level
    return [ir, i1, d1r, d1w, mispredicted, cycles]


sdk, base = per_call(f"{vendor}_sdk"), per_call(f"{vendor}_{ref}")
for name, row in (("SDK", sdk), (ref, base)):
    print(f"| {vendor} get_customer | {name} | " + " | ".join(f"{x:,.0f}" for x in row) + " |")
print(f"| {vendor} get_customer | **ratio** | " + " | ".join(f"**{s / b:.3f}×**" for s, b in zip(sdk, base)) + " |")
PY
done
