# Shared by the Prism scripts (scripts/prism-conformance.sh, scripts/prism-dynamic.sh); sourced,
# from the repository's root. Installs the pinned Stoplight Prism into target/prism (from the npm
# registry; PRISM_VERSION, which .ci/run passes on, or the default below for a run by hand),
# the Python environment the drivers need, and the CLI; and gives the helpers to run servers.
#
# After sourcing: $prism (the binary, run directly so that its PID is the process to stop),
# $venv (with PyYAML), target/debug/customer-apis, and
#   free_port              a free TCP port on 127.0.0.1
#   wait_port PORT LOGDIR  waits until something listens on PORT (LOGDIR: where to look if not)
#   start_background CMD…  runs CMD in the background; it is stopped when the script exits

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
# --all-features, as every other build of the CI: the artifacts are shared, not rebuilt.
cargo build --quiet --all-features --bin customer-apis

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_port() {
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1 (see $2/*.log)" >&2
  return 1
}

background_pids=()
trap 'for p in "${background_pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start_background() {
  "$@" &
  background_pids+=($!)
}
