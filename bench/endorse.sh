#!/usr/bin/env bash
# Endorse benchmark with the repo's load generator (io.weft.bench.LoadGen), issue 7's noop and put: prepares a peer
# file system with mychannel joined and chaincode `bench` defined and approved (io.weft.bench.BenchSetup: the vectors'
# blocks through the peer's own committer, since there is no orderer yet), starts the distribution's peer with the
# vector Org1 peer identity in dev mode, starts the chaincode (the core tests' KvChaincode on fabric-chaincode-shim
# 2.5.8) as its own JVM registering as bench:1.0, then sends N signed proposals at C in flight per function and prints
# one JSON line per run: tx/s, latency percentiles, and CPU ms per transaction of the generator, the peer and the
# chaincode (from /proc). `noop` returns at once; `put` writes one key (the simulation's write set; nothing commits).
# WARMUP_N (20000): proposals per function sent before the measured runs and not counted.
# PROFILE=<file.jfr>: the peer runs under JFR (settings=profile), dumped to that file after the last run.
# ASPROF=<file.collapsed>: async-profiler (bench/async-profiler.sh; CPU time by itimer, native frames included —
#   BoringSSL's ECDSA does not show in JFR) attached to the peer after the warm-up, collapsed stacks written to that
#   file after the last run; bench/collapsed_areas.py sums them by area.
# DIST=<dir>: the peer distribution to run (default runtime/target/weft; a saved copy for A/B runs).
# Usage: bench/endorse.sh [n=20000] [concurrency list="16 64"] [functions="noop put"]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-20000}
levels=${2:-"16 64"}
functions=${3:-"noop put"}
jar="$root/bench/jmh/target/benchmarks.jar"
dist=${DIST:-$root/runtime/target/weft}
[[ -f $jar && -x $root/runtime/target/weft/bin/peer && -d $root/bundles/core/target/test-classes ]] \
  || (cd "$root" && ./mvnw -q -o install -DskipTests)
vectors="$root/../shared/fabric-vectors"
org1="$vectors/crypto-config/peerOrganizations/org1.example.com"
work=$(mktemp -d -t weft-endorse.XXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -q -o -pl bundles/core dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/chaincode.classpath" > /dev/null)
java -cp "$jar" io.weft.bench.BenchSetup "$work/data" bench > "$work/setup.log" 2>&1 || { cat "$work/setup.log"; exit 1; }
port=$((20000 + RANDOM % 20000))
export FABRIC_CFG_PATH="$dist/config"
export CORE_PEER_FILESYSTEMPATH="$work/data" CORE_PEER_LISTENADDRESS="127.0.0.1:$port" CORE_PEER_ADDRESS="127.0.0.1:$port"
export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$((port + 1))" CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$((port + 2))"
export CORE_PEER_LOCALMSPID=Org1MSP CORE_CHAINCODE_MODE=dev
[[ -n ${PROFILE:-} ]] && export WEFT_JAVA_OPTS="${WEFT_JAVA_OPTS:-} -XX:StartFlightRecording=name=endorse,settings=profile"
CORE_PEER_MSPCONFIGPATH="$org1/peers/peer0.org1.example.com/msp" FABRIC_LOGGING_SPEC=warning \
  "$dist/bin/peer" node start > "$work/peer.log" 2>&1 &
peer_pid=$! # bin/peer execs the JVM
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$((port + 1))/healthz" > /dev/null && break; sleep 0.5; done
CORE_CHAINCODE_ID_NAME=bench:1.0 CORE_PEER_ADDRESS="127.0.0.1:$((port + 2))" CORE_PEER_TLS_ENABLED=false \
  java -cp "$root/bundles/core/target/test-classes:$(cat "$work/chaincode.classpath")" \
  io.weft.core.chaincode.KvChaincode > "$work/chaincode.log" 2>&1 &
cc_pid=$!
loadgen() { # chaincode args n c
  java -cp "$jar" io.weft.bench.LoadGen --peer "127.0.0.1:$port" --msp "$org1/users/User1@org1.example.com/msp" \
    --mspid Org1MSP --channel mychannel --chaincode "$1" --args "$2" --n "$3" --c "$4" --warmup "${5:-2000}" \
    --pid "peer=$peer_pid" --pid "chaincode=$cc_pid" 2>/dev/null | grep '^{'
}
for _ in $(seq 60); do # until the chaincode has registered
  loadgen bench noop 10 1 10 | grep -q '"failed":0' && break
  sleep 1
done
# steady state: a discarded run per function first, so that JIT compilation (a fifth of the peer's CPU in the first
# 20,000 proposals, JFR) is not charged to the measured runs
for f in $functions; do
  case $f in put) args="put,key,value" ;; *) args="$f" ;; esac
  loadgen bench "$args" "${WARMUP_N:-20000}" 64 > /dev/null
done
[[ -n ${ASPROF:-} ]] && "$root/bench/async-profiler.sh" start "$peer_pid"
for c in $levels; do
  for f in $functions; do
    case $f in put) args="put,key,value" ;; *) args="$f" ;; esac
    loadgen bench "$args" "$n" "$c"
  done
done
if [[ -n ${PROFILE:-} ]]; then jcmd "$peer_pid" JFR.dump name=endorse filename="$PROFILE" > /dev/null; fi
if [[ -n ${ASPROF:-} ]]; then "$root/bench/async-profiler.sh" stop "$peer_pid" "$ASPROF"; fi
