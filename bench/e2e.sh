#!/usr/bin/env bash
# End-to-end benchmark (issue 8): the dev network (peer + embedded orderer in one process, TLS off, chaincodes in dev
# mode) in a fresh folder, the core tests' KvChaincode as its own JVM registered as bench:1.0, chaincode `bench`
# approved and committed on mychannel through Fabric's CLI, then the load generator's e2e mode: each `put` endorsed,
# ordered (blocks of up to 500 tx, 1 s batch timeout) and awaited on DeliverFiltered. Prints one JSON line per
# concurrency: committed tx/s, latency p50/p90/p99, a count per validation code, CPU ms per committed tx of the
# generator, the node (peer and orderer share the process) and the chaincode. C is the number of endorsements in
# flight; WINDOW (1000) bounds the transactions submitted and not yet seen committed (see io.weft.bench.EndToEnd).
# WARMUP_N (20000): transactions of a discarded first run, so that JIT compilation (a third of the node's CPU right
# after 10,000) is not charged to the measured runs. ASPROF=<file.collapsed>: async-profiler attached to the peer's
# process for the measured runs (see bench/endorse.sh; bench/collapsed_areas.py sums the stacks by area);
# ASPROF_ORDERER=<file.collapsed> likewise for a separate orderer.
# ORDERER=separate runs the orderer as its own bin/orderer process (the dev network's orderer.yaml), so the JSON has
# CPU per committed tx for `peer` and `orderer` apart.
# Usage: [WINDOW=1000] [ORDERER=separate] bench/e2e.sh [n=20000] [concurrency list="64"]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-20000}
levels=${2:-"64"}
jar="$root/bench/jmh/target/benchmarks.jar"
peer="$root/runtime/target/weft/bin/peer"
[[ -f $jar && -x $peer && -d $root/bundles/core/target/test-classes ]] || (cd "$root" && ./mvnw -q -o install -DskipTests)
work=$(mktemp -d -t weft-e2e.XXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; sleep 1; [[ -n ${KEEP:-} ]] || rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -q -o -pl bundles/core dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/chaincode.classpath" > /dev/null)
cd "$work"
[[ -n ${KEEP:-} ]] && echo "work: $work" >&2
embedded=true; [[ ${ORDERER:-} == separate ]] && embedded=false
env -u FABRIC_CFG_PATH FABRIC_LOGGING_SPEC=warning "$peer" node start --dev --dev-tls=false --peer-chaincodedev \
  --dev-orderer=$embedded > "$work/node.log" 2>&1 &
node_pid=$!
pids=(--pid "node=$node_pid")
if [[ $embedded == false ]]; then
  for _ in $(seq 240); do [[ -f weft-dev/config/orderer.yaml ]] && break; sleep 0.5; done
  FABRIC_CFG_PATH="$work/weft-dev/config" FABRIC_LOGGING_SPEC=warning "$(dirname "$peer")/orderer" \
    > "$work/orderer.log" 2>&1 &
  orderer_pid=$!
  pids=(--pid "peer=$node_pid" --pid "orderer=$orderer_pid")
fi
for _ in $(seq 240); do grep -q '^export ORDERER_ARGS' "$work/node.log" && break; sleep 0.5; done
grep -q '^export ORDERER_ARGS' "$work/node.log" || { cat "$work/node.log"; exit 1; }
eval "$(grep '^export' "$work/node.log")"
CORE_CHAINCODE_ID_NAME=bench:1.0 CORE_PEER_ADDRESS=127.0.0.1:7052 CORE_PEER_TLS_ENABLED=false \
  java -cp "$root/bundles/core/target/test-classes:$(cat "$work/chaincode.classpath")" \
  io.weft.core.chaincode.KvChaincode > "$work/chaincode.log" 2>&1 &
cc_pid=$!
# shellcheck disable=SC2086
"$peer" lifecycle chaincode approveformyorg $ORDERER_ARGS -C mychannel -n bench -v 1.0 --sequence 1 \
  > "$work/approve.log" 2>&1 || { cat "$work/approve.log"; exit 1; }
# shellcheck disable=SC2086
"$peer" lifecycle chaincode commit $ORDERER_ARGS -C mychannel -n bench -v 1.0 --sequence 1 \
  > "$work/commit.log" 2>&1 || { cat "$work/commit.log"; exit 1; }
msp="$(dirname "$CORE_PEER_MSPCONFIGPATH")/../User1@org1.example.com/msp"
loadgen() { # n c
  java -cp "$jar" io.weft.bench.LoadGen --mode e2e --peer 127.0.0.1:7051 --orderer 127.0.0.1:7050 --msp "$msp" \
    --mspid Org1MSP --channel mychannel --chaincode bench --args "put,key,value" --n "$1" --c "$2" --warmup 2000 \
    --window "${WINDOW:-1000}" \
    "${pids[@]}" --pid "chaincode=$cc_pid" 2>"$work/loadgen.err" | grep '^{'
}
loadgen "${WARMUP_N:-20000}" 64 > /dev/null
profile="$root/bench/async-profiler.sh"
[[ -n ${ASPROF:-} ]] && "$profile" start "$node_pid"
[[ -n ${ASPROF_ORDERER:-} && -n ${orderer_pid:-} ]] && "$profile" start "$orderer_pid"
for c in $levels; do
  loadgen "$n" "$c"
done
[[ -n ${ASPROF:-} ]] && "$profile" stop "$node_pid" "$ASPROF"
[[ -n ${ASPROF_ORDERER:-} && -n ${orderer_pid:-} ]] && "$profile" stop "$orderer_pid" "$ASPROF_ORDERER"
true
