#!/usr/bin/env bash
# Third-party conformance: Stoplight Prism (pinned, from the npm registry) as a validating proxy
# in front of the standalone sandbox, one `prism proxy --errors` per spec; the CLI and every
# documented error trigger are driven through it by scripts/prism_conformance.py, which fails on
# any request violation and on any response violation not in scripts/spec-allowlist.json.
#
#   scripts/prism-conformance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# The pinned Prism, the Python environment, the CLI and the helpers.
source scripts/prism-common.sh
out=target/prism-conformance
mkdir -p "$out"

sandbox_port=$(free_port)
start_background target/debug/customer-apis sandbox --port "$sandbox_port" >"$out/sandbox.log" 2>&1
wait_port "$sandbox_port" "$out"
urls=()
for vendor in cro pdm foxtrot; do
  port=$(free_port)
  start_background "$prism" proxy -p "$port" -h 127.0.0.1 "specs/$vendor.yaml" \
    "http://127.0.0.1:$sandbox_port" --errors >"$out/$vendor.log" 2>&1
  urls+=("http://127.0.0.1:$port")
done
for url in "${urls[@]}"; do wait_port "${url##*:}" "$out"; done

"$venv/bin/python" scripts/prism_conformance.py target/debug/customer-apis "$out" "${urls[@]}"
