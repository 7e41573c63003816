#!/usr/bin/env bash
# Runs a shortened load benchmark once per candidate set of gateway JVM flags and prints, per candidate,
# the gateway's CPU per request, latency, memory and readiness lines, to choose bin/meridian's default flags.
# Takes about 4 minutes per candidate. Usage: bench/compare-gateway-jvm.sh ["flags" ...]; with no argument
# it compares the four candidates below. "" is the launcher's defaults; other flags replace them
# (MERIDIAN_JVM_DEFAULTS=off), so "-XX:+UseG1GC" is the JVM's own ergonomics, as `java -jar` runs.
set -euo pipefail
cd "$(dirname "$0")/.."
candidates=(
  ""
  "-XX:+UseSerialGC -Xms128m -Xmx256m -Xmn64m"
  "-XX:+UseParallelGC -Xmx256m"
  "-XX:+UseG1GC"
)
if [ $# -gt 0 ]; then candidates=("$@"); fi
for flags in "${candidates[@]}"; do
  echo "=== gateway JVM flags: '${flags:-the launcher defaults}'"
  bench/run-load.sh --targets direct,gateway,nginx --concurrency 8,64 --rounds 2 --readiness-runs 3 \
      --gateway-jvm "$flags" > /tmp/compare-gateway-jvm.out 2>&1 || true
  dir=$(grep -o 'Writing to .*' /tmp/compare-gateway-jvm.out | cut -d' ' -f3)
  sed -n '/^| conns/,/^$/p;/^- memory/p;/^- ready/p;/^- idle/p' "$dir/results.md" | grep -E '^\| (conns|8|64) \| (target|direct|gateway|nginx) |^- '
done
