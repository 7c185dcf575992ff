#!/usr/bin/env bash
# Runs the JMH benchmarks single-threaded (per-core rates): one fork, 4 x 2 s warm-up (BouncyCastle needs it), 5 x 2 s measurement.
# Extra arguments go to JMH and override these, e.g. `bench/jmh/run.sh Ecdsa -p curve=secp256r1` or `-t 2`.
# Builds the module first when the uber jar is missing or older than its sources (needs the other modules
# installed in ~/.m2). Ends with a compact ops/s table.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find src pom.xml -newer "$jar" -print -quit) ]]; then
  ../../mvnw -q -o package || ../../mvnw -q package
fi
csv=$(mktemp)
trap 'rm -f "$csv"' EXIT
java -jar "$jar" -f 1 -wi 4 -w 2s -i 5 -r 2s -t 1 -tu s -rf csv -rff "$csv" "$@"
echo
echo "Per-core throughput (threads=1):"
# CSV (CRLF): Benchmark, Mode, Threads, Samples, Score, Score Error, Unit, then one column per @Param
awk -F, '{ sub(/\r$/, "") }
  NR == 1 { for (i = 8; i <= NF; i++) { gsub(/"/, "", $i); sub(/^Param: /, "", $i); p[i] = $i }; next }
  { gsub(/"/, ""); name = $1; sub(/^io\.weft\.bench\./, "", name); params = ""
    for (i = 8; i <= NF; i++) if ($i != "") params = params " " p[i] "=" $i
    err = ($6 == "NaN") ? "" : sprintf("  (+/- %.0f)", $6)
    printf "  %-55s %14.0f ops/s%s\n", name params, $5, err }' "$csv"
