#!/usr/bin/env bash
# Where a binary's size goes, by crate: the sizes of its symbols (`nm --size-sort -S`, demangled)
# summed by the first path segment of their names. Run after `PROFILE=release
# scripts/build-cost.sh` to compare the app on the crate with the app without it:
#
#   scripts/binary-size-by-crate.sh target/build-cost/target-sdk/release/sdk-app \
#                                   target/build-cost/target-baseline/release/baseline-app
#
# Symbols without a Rust path (C code such as aws-lc, and some generic instantiations) are
# counted as "(other)". Section totals (`size`) are printed first.
set -euo pipefail
size "$@"
for binary in "$@"; do
  echo
  echo "== $binary: symbol bytes by crate (top 25)"
  nm --size-sort -C -S "$binary" | python3 -c '
import collections, re, sys
sizes = collections.Counter()
for line in sys.stdin:
    parts = line.rstrip("\n").split(" ", 3)
    if len(parts) < 4:
        continue
    name = parts[3].lstrip("<_")
    m = re.match(r"([a-z_][a-z_0-9]*)::", name)
    sizes[m.group(1) if m else "(other)"] += int(parts[1], 16)
for crate, n in sizes.most_common(25):
    print(f"{n:10,d}  {crate}")
print(f"{sum(sizes.values()):10,d}  total")
'
done
