#!/usr/bin/env bash
# Start-up benchmark (not a test): prints the median of 5 runs of
#   - `peer version` wall time
#   - `peer node start` until /healthz answers 200, with the framework cache from the previous run
#     (a restart), and once from an empty cache (the first start of a fresh install)
# Run after `./mvnw -q install -DskipTests`. Targets on a 2-core machine: < 0.5 s and < 1.5 s.
set -euo pipefail
dist=$(cd "$(dirname "$0")/../runtime/target/weft" && pwd)
peer="$dist/bin/peer"
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'pkill -f "weft.home=$dist.*node start" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$dist/config" "$work/config"
port=$((20000 + RANDOM % 20000)); ops=$((port + 1))
export FABRIC_CFG_PATH="$work/config" CORE_PEER_FILESYSTEMPATH="$work/data"
export CORE_PEER_LISTENADDRESS="127.0.0.1:$port" CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$ops"

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1e9}'; }

version_times=()
for _ in $(seq "$runs"); do
  t0=$(now); "$peer" version >/dev/null; t1=$(now)
  version_times+=($((t1 - t0)))
done

start_once() {
  local t0 t1 pid
  t0=$(now)
  "$peer" node start >"$work/peer.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$ops/healthz"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "peer exited; log:" >&2; cat "$work/peer.log" >&2; exit 1; fi
    sleep 0.01
  done
  t1=$(now)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $((t1 - t0))
}

cold_times=(); warm_times=()
for _ in $(seq "$runs"); do
  rm -rf "$work/data"
  cold_times+=("$(start_once)")
  warm_times+=("$(start_once)")
done

printf 'peer version: median %s s over %d runs\n' "$(printf '%s\n' "${version_times[@]}" | median)" "$runs"
printf 'peer node start to /healthz 200, restart (framework cache reused): median %s s over %d runs\n' \
  "$(printf '%s\n' "${warm_times[@]}" | median)" "$runs"
printf 'peer node start to /healthz 200, first start (empty cache): median %s s over %d runs\n' \
  "$(printf '%s\n' "${cold_times[@]}" | median)" "$runs"
