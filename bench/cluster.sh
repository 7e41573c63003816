#!/usr/bin/env bash
# A local multi-replica cluster for a human, the topology ClusterIT tests: three gateway processes (the real jar),
# the PostgreSQL at 127.0.0.1:5432 (a fresh schema in database test), the Redis at 127.0.0.1:6379 (a key prefix of
# its own), the provider simulator, and Debian's nginx in front. Prints the balancer's URL; Ctrl-C stops it all and
# drops the schema and the Redis keys. Arguments: the number of replicas (default 3).
# Builds offline first; SKIP_BUILD=1 reuses the last build. See docs/operations.md, "A local three-replica cluster".
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx not found: apt-get install -y nginx" >&2; exit 2; }
classpath=meridian-server/target/cluster.classpath
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -o -q -pl meridian-core,meridian-store,meridian-simulator,meridian-testkit,meridian-server \
    package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/cluster.classpath || { echo "build failed" >&2; exit 2; }
fi
[ -f "$classpath" ] || { echo "$classpath missing: run without SKIP_BUILD=1" >&2; exit 2; }
exec java -Xmx256m -cp "meridian-server/target/test-classes:meridian-server/target/classes:$(cat "$classpath")" \
  dev.meridian.server.cluster.ClusterMain "${1:-3}" meridian-server/target/meridian.jar
