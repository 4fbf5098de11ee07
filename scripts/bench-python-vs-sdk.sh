#!/usr/bin/env bash
# 1,000 sequential CRO Get Customer calls against the standalone sandbox: the SDK
# (examples/get_customer_loop.rs, one client, release build) against the CRO docs' own Python
# `requests` sample run in a loop.
#
# The Python side is the "Python" code sample of the Get Customer page (vendor docs,
# cro-get-customer.txt), embedded below verbatim. It cannot run as published: it passes
# `parameters={}` to `requests.get`, which is not a keyword of `requests` (TypeError; the script
# shows it). The one change made to it is `parameters=` -> `params=`; its placeholders are
# filled in (`{customer_id}` -> 1, `{your-auth-token}` -> the sandbox's sample token,
# `{your-tenant-id}` -> 1) and its `print(results)` goes to /dev/null. Each run is timed inside
# the process, around the loop only (interpreter start, imports and the SDK client's
# construction are outside the clock, on both sides). For context, also timed: the same calls
# hand-written with reqwest + serde (`get_customer_loop --hand-written`), the same request
# through one `requests.Session` (not the docs' sample), and the floor (fixed request bytes on
# one keep-alive socket, the answer read and not decoded).
#
# The sandbox runs as its own process (`get_customer_loop --serve`, i.e. `Sandbox::bind`), on
# 127.0.0.1:$PORT (default 8003, the port of the docs' samples). With BASE_URL set, that
# server is used instead (e.g. `cargo run --features cli -- sandbox --port 8003`).
#
# CPUS=0 runs every process (sandbox, SDK, Python) on CPU 0 only (`taskset -c`): on a small VM,
# a wake-up across vCPUs can cost more than the whole client, and this shows how much.
#
# Usage: scripts/bench-python-vs-sdk.sh        CALLS=1000 RUNS=3 PORT=8003 by default
set -euo pipefail

cd "$(dirname "$0")/.."
CALLS=${CALLS:-1000}
RUNS=${RUNS:-3}
PORT=${PORT:-8003}
TARGET=${CARGO_TARGET_DIR:-target}
PIN=()
if [ -n "${CPUS:-}" ]; then PIN=(taskset -c "$CPUS"); fi
WORK=$TARGET/bench-python
VENV=$WORK/venv
mkdir -p "$WORK"

# --- Python with requests, in a venv under target/ -------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check requests
PY_VERSION=$("$VENV/bin/python" -c 'import sys, requests; print(f"Python {sys.version.split()[0]}, requests {requests.__version__}")')

# --- the SDK side ----------------------------------------------------------------------------
cargo build -q --release --example get_customer_loop --features sandbox
LOOP=$TARGET/release/examples/get_customer_loop

# --- the standalone sandbox ------------------------------------------------------------------
SANDBOX_PID=
cleanup() { if [ -n "$SANDBOX_PID" ]; then kill "$SANDBOX_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ -z "${BASE_URL:-}" ]; then
  if "$VENV/bin/python" -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then
    echo "error: something already listens on 127.0.0.1:$PORT; stop it, or set BASE_URL to use it" >&2
    exit 1
  fi
  "${PIN[@]}" "$LOOP" --serve "127.0.0.1:$PORT" 2>"$WORK/sandbox.log" &
  SANDBOX_PID=$!
  for _ in $(seq 100); do
    if "$VENV/bin/python" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  BASE_URL=http://localhost:$PORT
fi
echo "sandbox: $BASE_URL"

# --- the docs' sample, and the loop around it -------------------------------------------------
cat > "$WORK/cro_python_sample.py" <<'EOF'
import contextlib
import io
import os
import sys
import time

# The "Python" code sample of CRO's Get Customer page, verbatim.
SAMPLE = """\
import requests, json
response = requests.get(
'http://localhost:8003/customers/{customer_id}',
headers={
'Authorization': 'Bearer {your-auth-token}',
'Content-Type': 'application/json',
'x-tenant-id': '{your-tenant-id}'
},
parameters={
}
)
results = json.loads(response.text)
print(results)
"""

calls, base_url, token, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
filled = (
    SAMPLE.replace("http://localhost:8003", base_url)
    .replace("{customer_id}", "1")
    .replace("{your-auth-token}", token)
    .replace("{your-tenant-id}", "1")
)

if mode == "as-published":
    # The sample as published (placeholders filled): show that it cannot run.
    try:
        exec(compile(filled, "cro-get-customer-sample", "exec"), {})
    except TypeError as e:
        print(f"TypeError: {e}")
    sys.exit(0)

if mode == "raw":
    # Not a client: the same request as fixed bytes on one keep-alive socket, the answer read
    # by its Content-Length and not decoded. What the server and the loopback cost per call,
    # plus a little Python: the floor under every client here.
    import socket
    from urllib.parse import urlsplit
    url = urlsplit(base_url)
    request = (
        f"GET /customers/1 HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\nx-tenant-id: 1\r\nAccept: */*\r\n\r\n"
    ).encode()
    sock = socket.create_connection((url.hostname, url.port or 80))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    reader = sock.makefile("rb")

    def once():
        sock.sendall(request)
        length = 0
        while True:
            line = reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = reader.read(length)
        assert b"George Jones" in body, body[:200]

    once()
    started = time.perf_counter()
    for _ in range(calls):
        once()
    total = time.perf_counter() - started
    print(f"calls={calls} total_s={total:.6f} per_call_us={total / calls * 1e6:.1f}")
    sys.exit(0)

fixed = filled.replace("parameters={", "params={")  # the one defect fixed
assert fixed.count("params={") == 1
if mode == "session":
    # Not the docs' sample: the same request through one requests.Session (connection reuse).
    import requests
    session = requests.Session()
    fixed = fixed.replace("requests.get(", "session.get(")
    env = {"session": session}
else:
    env = {}
code = compile(fixed, "cro-get-customer-sample", "exec")
import requests, json  # noqa: E401,F401  (imported once, outside the clock)

sink = open(os.devnull, "w")
with contextlib.redirect_stdout(sink):
    exec(code, dict(env))  # warm-up call, outside the clock
    g = dict(env)
    started = time.perf_counter()
    for _ in range(calls):
        exec(code, g)
    total = time.perf_counter() - started
assert g["results"]["name"] == "George Jones!!!?", g["results"]
print(f"calls={calls} total_s={total:.6f} per_call_us={total / calls * 1e6:.1f}")
EOF

TOKEN=eyJhbGciOiJub25lIn0.eyJzdWIiOiJzYW5kYm94In0.c2FuZGJveA # sandbox::CRO_SAMPLE_TOKEN
echo "the docs' sample as published: $("$VENV/bin/python" "$WORK/cro_python_sample.py" 1 "$BASE_URL" "$TOKEN" as-published)"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | tail -1; }
SDK=() PY=() PYS=() RAW=() HAND=()
for run in $(seq "$RUNS"); do
  SDK+=("$("${PIN[@]}" "$LOOP" --base-url "$BASE_URL" --calls "$CALLS" | field per_call_us)")
  HAND+=("$("${PIN[@]}" "$LOOP" --base-url "$BASE_URL" --calls "$CALLS" --hand-written | field per_call_us)")
  PY+=("$("${PIN[@]}" "$VENV/bin/python" "$WORK/cro_python_sample.py" "$CALLS" "$BASE_URL" "$TOKEN" docs | field per_call_us)")
  PYS+=("$("${PIN[@]}" "$VENV/bin/python" "$WORK/cro_python_sample.py" "$CALLS" "$BASE_URL" "$TOKEN" session | field per_call_us)")
  RAW+=("$("${PIN[@]}" "$VENV/bin/python" "$WORK/cro_python_sample.py" "$CALLS" "$BASE_URL" "$TOKEN" raw | field per_call_us)")
  echo "run $run: SDK ${SDK[-1]} µs/call, hand-written reqwest ${HAND[-1]} µs/call," \
    "docs' Python sample ${PY[-1]} µs/call, requests.Session ${PYS[-1]} µs/call," \
    "raw socket ${RAW[-1]} µs/call"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
S=$(median "${SDK[@]}") P=$(median "${PY[@]}") PS=$(median "${PYS[@]}") R=$(median "${RAW[@]}")
H=$(median "${HAND[@]}")
echo
echo "$CALLS sequential Get Customer calls, median of $RUNS runs ($PY_VERSION; $(nproc) cores${CPUS:+, all on CPU $CPUS})"
echo "| client | per call | total for $CALLS | speed vs the SDK |"
echo "|---|---|---|---|"
python3 - "$S" "$P" "$PS" "$CALLS" "$R" "$H" <<'PY'
import sys
s, p, ps, n, r, h = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
print(f"| SDK (`get_customer_loop`, release) | {s:.0f} µs | {s * n / 1e6:.3f} s | 1 |")
print(f"| the docs' Python sample (`params=` fixed) | {p:.0f} µs | {p * n / 1e6:.3f} s | SDK **{p / s:.1f}×** faster (target ≥ 20×) |")
print(f"| for context: the same calls hand-written with reqwest + serde (`--hand-written`) | {h:.0f} µs | {h * n / 1e6:.3f} s | {p / h:.1f}× faster than the docs' sample |")
print(f"| for context: the same request with one `requests.Session` | {ps:.0f} µs | {ps * n / 1e6:.3f} s | SDK {ps / s:.1f}× faster |")
print(f"| for context: the floor, fixed request bytes on one socket, nothing decoded | {r:.0f} µs | {r * n / 1e6:.3f} s | — |")
PY
