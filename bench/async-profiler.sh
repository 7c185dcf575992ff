#!/usr/bin/env bash
# async-profiler (tools.profiler:async-profiler on Maven Central, fetched into the local Maven repository the first
# time, its linux-x64 agent unpacked under bench/target) for the benchmark scripts:
#   bench/async-profiler.sh               prints the agent's path
#   bench/async-profiler.sh start PID     attaches it to a JVM and starts sampling CPU time (itimer, native frames too)
#   bench/async-profiler.sh stop PID FILE stops and writes the collapsed stacks to FILE
# jcmd needs the agent options quoted: a bare key=value is jcmd's own syntax.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=4.2
jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[[ -f $jar ]] || (cd "$root" && ./mvnw -q dependency:get -Dartifact="tools.profiler:async-profiler:$version" > /dev/null)
out="$root/bench/target/async-profiler-$version"
[[ -f $out/linux-x64/libasyncProfiler.so ]] || { mkdir -p "$out"; unzip -q -o "$jar" 'linux-x64/*' -d "$out"; }
so="$out/linux-x64/libasyncProfiler.so"
case "${1:-}" in
  start) jcmd "$2" JVMTI.agent_load "$so" "\"start,event=itimer,interval=1ms\"" > /dev/null ;;
  stop) jcmd "$2" JVMTI.agent_load "$so" "\"stop,file=$3,collapsed\"" > /dev/null ;;
  *) echo "$so" ;;
esac
