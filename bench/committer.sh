#!/usr/bin/env bash
# Committer benchmark: validate+commit (BlockCommitter, real DefaultValidation, leveldb) of pre-built blocks of 500
# endorsed transactions, 1 and 2 endorsements each, against the machine's signature ceiling measured in the same
# run (Identity.verify per second on one thread x cores / signatures per tx). Runs each endorsement count $RUNS
# times (default 3), prints every JSON line and the median ratio per endorsement count.
# PROFILE=1: one run per endorsement count under JFR (settings=profile), then the 25 hottest methods by samples
# (top frame) and the samples by area (any frame on the stack).
# Usage: bench/committer.sh [blocks] [backend]   (defaults: 20 leveldb)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/jmh"
jar=target/benchmarks.jar
srcs=(src pom.xml)
for m in api core validation-default msp channelconfig ledger lifecycle protoutil storage-leveldb; do
  [[ -d ../../bundles/$m/src ]] && srcs+=("../../bundles/$m/src" "../../bundles/$m/pom.xml")
done
if [[ ! -f $jar ]] || [[ -n $(find "${srcs[@]}" -newer "$jar" -print -quit) ]]; then
  (cd ../.. && ./mvnw -q -o install -DskipTests -pl bench/jmh -am)
fi
blocks=${1:-20}
backend=${2:-leveldb}

if [[ -n ${PROFILE:-} ]]; then
  out=${PROFILE_DIR:-$(mktemp -d -t weft-committer-jfr.XXXX)}
  mkdir -p "$out"
  for e in 1 2; do
    rec="$out/committer-e$e.jfr"
    java -XX:+FlightRecorder -XX:StartFlightRecording=filename="$rec",settings=profile \
      -cp "$jar" io.weft.bench.CommitterBench "$blocks" "$e" "$backend" 2>/dev/null | grep '^{'
    jfr print --json --stack-depth 128 --events jdk.ExecutionSample "$rec" > "$out/samples-e$e.json"
    echo "== endorsements=$e: $rec"
    python3 "$here/jfr_hot.py" "$out/samples-e$e.json" 25
  done
  exit 0
fi

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\\1/"; }
for e in 1 2; do
  lines=()
  for _ in $(seq "${RUNS:-3}"); do
    line=$(java -cp "$jar" io.weft.bench.CommitterBench "$blocks" "$e" "$backend" 2>/dev/null | grep '^{')
    echo "$line"
    lines+=("$line")
  done
  echo "endorsements=$e: median ratio $(printf '%s\n' "${lines[@]}" | field ratio | median) over ${#lines[@]} runs" \
    "(target 0.6); median ratioVsCpuCeiling $(printf '%s\n' "${lines[@]}" | field ratioVsCpuCeiling | median)," \
    "median cpuBoundRatio $(printf '%s\n' "${lines[@]}" | field cpuBoundRatio | median)"
done
