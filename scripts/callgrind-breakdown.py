#!/usr/bin/env python3
"""Where the SDK's extra instructions per call go, by kind of work.

Usage: callgrind-breakdown.py SDK_LONG SDK_SHORT BASE_LONG BASE_SHORT CALLS

Each argument is a callgrind output of one contender's client thread (see
bench-instructions.sh); LONG and SHORT differ by CALLS calls, so start-up cancels. Prints,
per category, the instructions per call the SDK spends minus those the baseline spends.
Exclusive costs (a function's own instructions), so nothing is counted twice.
"""
import re
import subprocess
import sys

# First match wins; the patterns are matched against callgrind's `file:function` names.
CATEGORIES = [
    ("moves of values and futures (memcpy)", r"memcpy|memmove"),
    ("allocation and freeing", r"malloc|_int_free|\bfree\b|realloc|consolidate|unlink_chunk"),
    ("date and timestamp parsing", r"chrono::|customer_apis::timestamp|trim_start_matches"),
    ("JSON decoding and encoding", r"serde_json|serde_core|Deserialize|Serialize|__FieldVisitor|__Visitor"),
    ("headers (insert, look up, parse)", r"http::header|HeaderValue|HeaderName|hash_elem|uuid|bytes::"),
    ("URL and path encoding", r"url::|percent_encoding|idna|encode_path|char_count"),
    ("formatting (the baseline's URL and header values)", r"core::fmt|alloc::fmt|fmt::Display|pad_integral"),
    ("the layer's call and attempt futures", r"customer_apis::transport|customer_apis::(cro|pdm|foxtrot)::|ClientHooks"),
    ("per-attempt context (task-local)", r"task_local|LocalKey"),
    ("retries (backon) and tracing spans", r"backon|tracing|RetryPolicy|customer_apis::retry"),
    ("session cache lock (PDM)", r"tokio::sync"),
    ("validation", r"customer_apis::validation|regex_lite"),
    ("reqwest, hyper and tokio", r"reqwest|hyper|tokio|tower|mio|futures_"),
    ("the bench's code (for the baseline: the whole hand-written call)", r"sdk_vs_baseline"),
]


def load(path):
    out = subprocess.run(
        ["callgrind_annotate", "--inclusive=no", "--threshold=100", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    costs = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*?)(?: \[.*\])?$", line)
        if m and "PROGRAM TOTALS" not in line and ":" in m.group(2):
            costs[m.group(2)] = costs.get(m.group(2), 0) + int(m.group(1).replace(",", ""))
    return costs


def per_call(long, short, calls):
    a, b = load(long), load(short)
    return {k: (a.get(k, 0) - b.get(k, 0)) / calls for k in set(a) | set(b)}


def category(name):
    for label, pattern in CATEGORIES:
        if re.search(pattern, name):
            return label
    return "other"


def main():
    sdk_long, sdk_short, base_long, base_short, calls = sys.argv[1:6]
    calls = int(calls)
    sdk = per_call(sdk_long, sdk_short, calls)
    base = per_call(base_long, base_short, calls)
    totals = {}
    for name in set(sdk) | set(base):
        label = category(name)
        totals[label] = totals.get(label, 0) + sdk.get(name, 0) - base.get(name, 0)
    print("| kind of work | SDK minus baseline, instructions per call |")
    print("|---|---|")
    for label, _ in CATEGORIES + [("other", "")]:
        if label in totals and abs(totals[label]) >= 50:
            print(f"| {label} | {totals[label]:+,.0f} |")
    print(f"| **total** | **{sum(totals.values()):+,.0f}** |")


if __name__ == "__main__":
    main()
