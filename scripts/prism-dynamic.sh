#!/usr/bin/env bash
# Random answers valid for each spec, through the CLI: one `prism mock -d` (Stoplight Prism's
# dynamic mock, pinned, from the npm registry) per spec, and scripts/prism_dynamic.py calling
# every operation N times through `customer-apis` and classifying every answer; it fails on any
# answer the SDK cannot read for a reason the spec does not give.
#
#   scripts/prism-dynamic.sh [N]     (calls per operation; 30 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-30}
# The pinned Prism, the Python environment, the CLI and the helpers.
source scripts/prism-common.sh
out=target/prism-dynamic
mkdir -p "$out"

urls=()
for vendor in cro pdm foxtrot; do
  port=$(free_port)
  start_background "$prism" mock --dynamic -p "$port" -h 127.0.0.1 "specs/$vendor.yaml" \
    >"$out/$vendor.log" 2>&1
  urls+=("http://127.0.0.1:$port")
done
for url in "${urls[@]}"; do wait_port "${url##*:}" "$out"; done

"$venv/bin/python" scripts/prism_dynamic.py target/debug/customer-apis "$calls" "${urls[@]}"
