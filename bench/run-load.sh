#!/usr/bin/env bash
# The load benchmark: simulator direct vs gateway (pass-through and Anthropic translation) vs nginx.
# Run from anywhere after `./mvnw -B -q -DskipTests install`; extra arguments go to the benchmark
# (`bench/run-load.sh --help` lists them). Results: meridian-bench/target/load-<timestamp>/results.{md,json}.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nginx >/dev/null || { echo "nginx not found: apt-get install -y nginx" >&2; exit 2; }
for jar in meridian-bench/target/meridian-bench.jar meridian-server/target/meridian.jar \
           meridian-simulator/target/meridian-simulator-0.1.0-SNAPSHOT-standalone.jar; do
  [ -f "$jar" ] || { echo "$jar missing: ./mvnw -B -q -DskipTests install" >&2; exit 2; }
done
# The load generator's own JVM: a fixed small heap and the serial collector, so it stays on one core.
exec java -Xms256m -Xmx256m -XX:+UseSerialGC -jar meridian-bench/target/meridian-bench.jar load "$@"
