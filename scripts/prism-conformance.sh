#!/usr/bin/env bash
# Third-party conformance: Stoplight Prism (pinned, from the npm registry) as a validating proxy
# in front of the standalone sandbox, one `prism proxy --errors` per spec; the CLI and every
# documented error trigger are driven through it by scripts/prism_conformance.py, which fails on
# any request violation and on any response violation not in scripts/spec-allowlist.json.
#
#   scripts/prism-conformance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# .ci/run installs the version it pins and passes it on; this default serves a run by hand.
prism_version=${PRISM_VERSION:-5.16.0}
prism_dir=target/prism
prism="$prism_dir/node_modules/.bin/prism"
if [ "$("$prism" --version 2>/dev/null)" != "$prism_version" ]; then
  mkdir -p "$prism_dir"
  (cd "$prism_dir" && npm install --silent --no-audit --no-fund --no-save \
    "@stoplight/prism-cli@$prism_version")
fi
venv=target/ci-venv
if ! "$venv/bin/python" -c 'import yaml' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check PyYAML==6.0.2
fi
cargo build --quiet --features cli --bin customer-apis
out=target/prism-conformance
mkdir -p "$out"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_port() {
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1 (see $out/*.log)" >&2
  return 1
}

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
sandbox_port=$(free_port)
target/debug/customer-apis sandbox --port "$sandbox_port" >"$out/sandbox.log" 2>&1 &
pids+=($!)
wait_port "$sandbox_port"
urls=()
for vendor in cro pdm foxtrot; do
  port=$(free_port)
  "$prism" proxy -p "$port" -h 127.0.0.1 "specs/$vendor.yaml" "http://127.0.0.1:$sandbox_port" \
    --errors >"$out/$vendor.log" 2>&1 &
  pids+=($!)
  urls+=("http://127.0.0.1:$port")
done
for url in "${urls[@]}"; do wait_port "${url##*:}"; done

"$venv/bin/python" scripts/prism_conformance.py target/debug/customer-apis "$out" "${urls[@]}"
