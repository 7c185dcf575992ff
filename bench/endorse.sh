#!/usr/bin/env bash
# Endorse benchmark with the repo's load generator (io.weft.bench.LoadGen): starts the distribution's peer with the
# vector Org1 peer identity, joins mychannel (cscc, via `peer channel join`), then sends N signed proposals at C in
# flight and prints one JSON line per run: tx/s, latency percentiles, and CPU ms per transaction of the generator and
# the peer (from /proc). Until chaincode support lands the proposals go to qscc (GetChainInfo on mychannel, endorsed
# by escc), not to the noop/put chaincodes the issue names.
# PROFILE=<file.jfr>: the peer runs under JFR (settings=profile), dumped to that file after the last run.
# Usage: bench/endorse.sh [n=20000] [concurrency list="16 64"]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-20000}
levels=${2:-"16 64"}
jar="$root/bench/jmh/target/benchmarks.jar"
[[ -f $jar && -x $root/runtime/target/weft/bin/peer ]] || (cd "$root" && ./mvnw -q -o install -DskipTests)
vectors="$root/../shared/fabric-vectors"
org1="$vectors/crypto-config/peerOrganizations/org1.example.com"
work=$(mktemp -d -t weft-endorse.XXXX)
port=$((20000 + RANDOM % 20000))
export FABRIC_CFG_PATH="$root/runtime/target/weft/config"
export CORE_PEER_FILESYSTEMPATH="$work/data" CORE_PEER_LISTENADDRESS="127.0.0.1:$port" CORE_PEER_ADDRESS="127.0.0.1:$port"
export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$((port + 1))" CORE_PEER_LOCALMSPID=Org1MSP
[[ -n ${PROFILE:-} ]] && export WEFT_JAVA_OPTS="${WEFT_JAVA_OPTS:-} -XX:StartFlightRecording=name=endorse,settings=profile"
CORE_PEER_MSPCONFIGPATH="$org1/peers/peer0.org1.example.com/msp" FABRIC_LOGGING_SPEC=warning \
  "$root/runtime/target/weft/bin/peer" node start > "$work/peer.log" 2>&1 &
peer_pid=$! # bin/peer execs the JVM
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$((port + 1))/healthz" > /dev/null && break; sleep 0.5; done
CORE_PEER_MSPCONFIGPATH="$org1/users/Admin@org1.example.com/msp" \
  "$root/runtime/target/weft/bin/peer" channel join -b "$vectors/mychannel.block" 2> "$work/join.log" \
  || { cat "$work/join.log"; exit 1; }
for c in $levels; do
  java -cp "$jar" io.weft.bench.LoadGen --peer "127.0.0.1:$port" --msp "$org1/users/User1@org1.example.com/msp" \
    --mspid Org1MSP --channel mychannel --chaincode qscc --args GetChainInfo,mychannel --n "$n" --c "$c" \
    --pid "peer=$peer_pid" 2>/dev/null | grep '^{'
done
if [[ -n ${PROFILE:-} ]]; then jcmd "$peer_pid" JFR.dump name=endorse filename="$PROFILE" > /dev/null; fi
