#!/usr/bin/env bash
# One CRO Get Customer as a whole process, against the standalone sandbox: the CLI
# (`customer-apis cro get-customer 1`, release build) against `curl` sending the same request
# and against the CRO docs' own Python `requests` sample (its one defect fixed, see
# scripts/bench-python-vs-sdk.sh), each run as a new process. What a shell script or a cron
# job pays per call: process start, TLS-free connect, one request, decode, print, exit.
#
# The three run in alternating order, ROUNDS times; each round times each command once from
# spawn to exit. The ratio rows are the medians of the rounds' own ratios, so a drift of the
# machine's speed hits both sides of a pair alike.
#
# Usage: scripts/bench-cli-startup.sh          ROUNDS=101 PORT=8013 by default
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-101}
PORT=${PORT:-8013}
TARGET=${CARGO_TARGET_DIR:-target}
WORK=$TARGET/bench-cli
VENV=$TARGET/bench-python/venv
mkdir -p "$WORK"
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check requests

cargo build -q --release --features cli --bin customer-apis
CLI=$TARGET/release/customer-apis

SANDBOX_PID=
cleanup() { if [ -n "$SANDBOX_PID" ]; then kill "$SANDBOX_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT
"$CLI" sandbox --port "$PORT" 2>"$WORK/sandbox.log" >/dev/null &
SANDBOX_PID=$!
for _ in $(seq 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then break; fi
  sleep 0.1
done

"$VENV/bin/python" - "$CLI" "$PORT" "$ROUNDS" <<'PY'
import os, statistics, subprocess, sys, time

cli, port, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = f"http://127.0.0.1:{port}"
token = "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"
env = dict(os.environ, CRO_BASE_URL=base, CRO_TOKEN=token, CRO_TENANT_ID="1")

# The CRO docs' Python sample (cro-get-customer.txt), placeholders filled and
# `parameters=` -> `params=` (as published it raises TypeError).
sample = f"""\
import requests, json
response = requests.get(
'{base}/customers/1',
headers={{
'Authorization': 'Bearer {token}',
'Content-Type': 'application/json',
'x-tenant-id': '1'
}},
params={{
}}
)
results = json.loads(response.text)
print(results)
"""
commands = {
    "CLI": [cli, "cro", "get-customer", "1"],
    # What the CLI sends: the same headers, one request, the body printed.
    "curl": ["curl", "-sS", "--fail",
             "-H", f"Authorization: Bearer {token}",
             "-H", "x-tenant-id: 1",
             "-H", "x-api-version: 2023/04/19",
             "-H", "Accept: application/json",
             f"{base}/customers/1"],
    "Python sample": [sys.executable, "-c", sample],
}

def once(argv):
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or b"George Jones" not in done.stdout:
        sys.exit(f"{argv[0]} failed ({done.returncode}): {done.stderr[:300]!r}")
    return elapsed

for argv in commands.values():  # warm: page cache, the sandbox's first connections
    once(argv)
times = {name: [] for name in commands}
names = list(commands)
for r in range(rounds):
    order = names if r % 2 == 0 else names[::-1]
    for name in order:
        times[name].append(once(commands[name]))

print(f"{rounds} rounds, one process per call, alternating order; medians")
print(f"{'command':<16} {'median':>10} {'min':>10}")
for name in names:
    print(f"{name:<16} {statistics.median(times[name]) * 1e3:>7.2f} ms {min(times[name]) * 1e3:>7.2f} ms")
ratio = lambda a, b: statistics.median(x / y for x, y in zip(times[a], times[b]))
print(f"CLI time / curl time (median of the rounds' ratios): {ratio('CLI', 'curl'):.3f}x")
print(f"Python sample time / CLI time: {ratio('Python sample', 'CLI'):.1f}x (the CLI is that many times faster)")
PY
