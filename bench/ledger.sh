#!/usr/bin/env bash
# Ledger commit benchmark: blocks of 500 endorser transactions x 1 write, committed with one fsync per block
# on the leveldb backend, then random state reads. Runs it $RUNS times (default 5) and prints each run and
# the median writes/s. Usage: bench/ledger.sh [blocks] [backend]   (defaults: 1000 leveldb)
set -euo pipefail
cd "$(dirname "$0")/jmh"
jar=target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find src pom.xml ../../bundles/ledger/src/main -newer "$jar" -print -quit) ]]; then
  (cd ../.. && ./mvnw -q -o package -DskipTests -pl bundles/ledger,bench/jmh -am)
fi
rates=()
for _ in $(seq "${RUNS:-5}"); do
  line=$(java -cp "$jar" io.weft.bench.LedgerCommitBench "${1:-1000}" "${2:-leveldb}" | tr '\n' ' ')
  echo "$line"
  rates+=("$(sed -E 's/.*: ([0-9]+) writes\/s.*/\1/' <<<"$line")")
done
printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print "median:", a[int((NR+1)/2)], "writes/s over", NR, "runs"}'
