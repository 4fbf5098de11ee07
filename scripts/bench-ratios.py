#!/usr/bin/env python3
"""Prints each benchmark of `benches/sdk_vs_baseline.rs` as a ratio to its baseline.

Reads what the last `cargo bench --bench sdk_vs_baseline --features sandbox` left in
target/criterion (criterion's estimates, and allocations.json and paired.json written by the
bench itself).
Usage: scripts/bench-ratios.py [TARGET_DIR]   (default: target, or $CARGO_TARGET_DIR)
"""
import json
import os
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CARGO_TARGET_DIR", "target"))
crit = root / "criterion"
if not crit.is_dir():
    sys.exit(f"no {crit}: run `cargo bench --bench sdk_vs_baseline --features sandbox` first")

# full_id -> (median ns, median CI low, CI high)
runs = {}
for bench in crit.rglob("new/benchmark.json"):
    meta = json.loads(bench.read_text())
    est = json.loads((bench.parent / "estimates.json").read_text())
    m = est["median"]
    runs[meta["full_id"]] = (
        m["point_estimate"],
        m["confidence_interval"]["lower_bound"],
        m["confidence_interval"]["upper_bound"],
    )


def t(ns):
    if ns >= 1e9:
        return f"{ns / 1e9:.3f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def row(name, sdk_id, base_id, kind, target):
    if sdk_id not in runs or base_id not in runs:
        print(f"| {name} | (not run) | | | |")
        return
    s, s_lo, s_hi = runs[sdk_id]
    b, b_lo, b_hi = runs[base_id]
    if kind == "time":  # SDK time / baseline time: lower is better
        ratio, lo, hi = s / b, s_lo / b_hi, s_hi / b_lo
        what = "time ×"
    else:  # speed: baseline time / SDK time (throughput or decode speed), higher is better
        ratio, lo, hi = b / s, b_lo / s_hi, b_hi / s_lo
        what = "speed ×"
    print(
        f"| {name} | {t(s)} | {t(b)} | **{ratio:.3f}** {what} ({lo:.3f}–{hi:.3f}) | {target} |"
    )


print("| benchmark | SDK (median) | baseline (median) | ratio (95% CI of medians) | target |")
print("|---|---|---|---|---|")
row("decode CRO customer: generated vs plain struct",
    "decode/cro_customer/sdk_generated", "decode/cro_customer/baseline_plain_struct",
    "speed", "≥ 0.9× speed")
row("decode CRO customer: `serde_json::Value` vs plain struct (scale)",
    "decode/cro_customer/value", "decode/cro_customer/baseline_plain_struct", "speed", "—")
row("decode CRO customer: diagnostic, plain struct with the SDK's `Timestamp` vs plain struct",
    "decode/cro_customer/diagnostic_plain_struct_sdk_timestamps",
    "decode/cro_customer/baseline_plain_struct", "speed", "—")
row("CRO get_customer round trip",
    "round_trip/cro_get_customer/sdk", "round_trip/cro_get_customer/baseline", "time", "≤ 1.03× time")
for full in sorted(runs):
    if full.startswith("throughput/cro_get_customer/sdk/"):
        tail = full.split("/", 3)[3]
        row(f"CRO throughput, {tail.replace('_', ' ')}", full,
            f"throughput/cro_get_customer/baseline/{tail}", "speed", "≥ 0.97× throughput")
row("PDM get_customer round trip (session cached)",
    "round_trip/pdm_get_customer/sdk", "round_trip/pdm_get_customer/baseline", "time", "≤ 1.03× time")
row("Foxtrot get_customer round trip (envelope unwrapped)",
    "round_trip/foxtrot_get_customer/sdk", "round_trip/foxtrot_get_customer/baseline", "time",
    "≤ 1.03× time")

allocs = crit / "allocations.json"
if allocs.is_file():
    print()
    print("| allocations per operation | SDK | baseline | ratio | SDK bytes | baseline bytes |")
    print("|---|---|---|---|---|---|")
    for a in json.loads(allocs.read_text()):
        print(
            f"| {a['operation']} | {a['sdk_allocs']:.1f} | {a['baseline_allocs']:.1f} "
            f"| **{a['ratio']:.2f}×** | {a['sdk_bytes']:.0f} | {a['baseline_bytes']:.0f} |"
        )

paired = crit / "paired.json"
if paired.is_file():
    print()
    print("| paired (SDK and baseline in alternating blocks) | SDK | baseline | ratio (median of pairs) | target |")
    print("|---|---|---|---|---|")
    targets = {"decode": ("speed", "≥ 0.9× speed"), "throughput": ("speed", "≥ 0.97× throughput")}
    for p in json.loads(paired.read_text()):
        kind, target = next(
            (v for k, v in targets.items() if k in p["operation"]), ("time", "≤ 1.03× time")
        )
        # The peer's target: no slower than progenitor's own client (its decode row only
        # explains the others).
        if p.get("baseline") == "peer":
            target = "—" if "decode" in p["operation"] else (
                "≥ 1× speed" if kind == "speed" else "≤ 1× time")
        # The check against the spec has no target: the row says what it costs.
        if p.get("baseline") == "unchecked":
            target = "— (the check's cost)"
        r = p["time_ratio"]
        shown = f"**{1 / r:.3f}×** speed" if kind == "speed" else f"**{r:.3f}×** time"
        print(f"| {p['operation']} | {t(p['sdk_us'] * 1e3)} | {t(p['baseline_us'] * 1e3)} | {shown} | {target} |")
