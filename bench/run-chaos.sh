#!/usr/bin/env bash
# The chaos benchmark: a model group of three deployments under steady load while the simulator makes one of
# them answer 500s, then hang; reports failures, latency, traffic shares and detection/recovery times.
# Builds the jars it needs (offline when the local repository has everything), then runs; extra arguments go
# to the benchmark (`bench/run-chaos.sh --help` lists them). Results: meridian-bench/target/chaos-<timestamp>/results.md.
# Exit status: 0 when no caller saw a failure, 1 when one did, 2 on a setup problem.
set -euo pipefail
cd "$(dirname "$0")/.."
build() { ./mvnw -B -q "$@" install -DskipTests -pl meridian-server,meridian-simulator,meridian-bench -am; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  build -o || build || { echo "build failed" >&2; exit 2; }
fi
for jar in meridian-bench/target/meridian-bench.jar meridian-server/target/meridian.jar \
           meridian-simulator/target/meridian-simulator-0.1.0-SNAPSHOT-standalone.jar; do
  [ -f "$jar" ] || { echo "$jar missing after the build" >&2; exit 2; }
done
# The load generator's own JVM: a fixed small heap and the serial collector, so it stays on one core.
exec java -Xms256m -Xmx256m -XX:+UseSerialGC -jar meridian-bench/target/meridian-bench.jar chaos "$@"
