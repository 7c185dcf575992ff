#!/usr/bin/env bash
# Prints the path of async-profiler's linux-x64 agent, taken from tools.profiler:async-profiler on Maven Central
# (fetched into the local Maven repository the first time) and unpacked under bench/target.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=4.2
jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[[ -f $jar ]] || (cd "$root" && ./mvnw -q dependency:get -Dartifact="tools.profiler:async-profiler:$version" > /dev/null)
out="$root/bench/target/async-profiler-$version"
[[ -f $out/linux-x64/libasyncProfiler.so ]] || { mkdir -p "$out"; unzip -q -o "$jar" 'linux-x64/*' -d "$out"; }
echo "$out/linux-x64/libasyncProfiler.so"
