#!/usr/bin/env bash
# Assembles Meridian's base image as a `docker save` tarball from the JDK on this machine, without a registry or a
# Docker daemon: a jlink'd Java runtime (21 or newer), the C libraries it links against, a non-root user (65532)
# and the health check. Jib builds the gateway's image on top of it (`tar://` base, meridian-deploy/pom.xml).
# With a registry at hand, `-Pregistry-base` builds on eclipse-temurin:25-jre instead (docs/operations.md).
#
#   build-base-image.sh OUT_DIR      writes OUT_DIR/meridian-base.tar (kept while this script is unchanged)
#
# The JDK: $MERIDIAN_IMAGE_JDK, else the newest of /usr/lib/jvm/* whose `java` is 21 or newer.
set -euo pipefail

out=$(mkdir -p "$1" && cd "$1" && pwd)
tarball=$out/meridian-base.tar
if [ -s "$tarball" ] && [ "$tarball" -nt "$0" ]; then
  echo "base image: $tarball is up to date"
  exit 0
fi

jdk=${MERIDIAN_IMAGE_JDK:-}
if [ -z "$jdk" ]; then
  best=0
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/jlink" ] || continue
    feature=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${feature:-0}" -ge 21 ] 2>/dev/null && [ "$feature" -gt "$best" ]; then best=$feature; jdk=$candidate; fi
  done
fi
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jlink" ]; then
  echo "base image: no JDK 21 or newer with jlink found under /usr/lib/jvm; set MERIDIAN_IMAGE_JDK" >&2
  exit 2
fi

work=$out/work
rm -rf "$work" && mkdir -p "$work/rootfs/"{opt,etc,tmp,data,proc,sys,dev}
root=$work/rootfs

# The runtime: the Java SE modules plus those a Netty/Vert.x gateway uses (sun.misc.Unsafe, JMX, PKCS#11, DNS).
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs \
  --compress=zip-6 --strip-debug --no-header-files --no-man-pages --output "$root/opt/java"

# The C libraries the runtime links against (glibc, libz...), at the paths the dynamic loader looks in. Libraries of
# the desktop modules that are not installed here (X11) are left out: a headless gateway never loads them.
{
  ldd "$root/opt/java/bin/java"
  find "$root/opt/java/lib" -name '*.so' -exec ldd {} \; 2>/dev/null
} | awk '/=> \// {print $3} /^\s*\/[^ ]+ \(/ {print $1}' | grep -v "^$root/" | sort -u | while read -r lib; do
  cp -L --parents "$lib" "$root"
done

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
meridian:x:65532:65532:meridian:/data:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
meridian:x:65532:
GROUP
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
chmod 1777 "$root/tmp"

# One layer, reproducible: sorted, dated 1970, owned by root but /data by the gateway's user.
layer=$work/layer.tar
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 --exclude=./data -cf "$layer" -C "$root" .
tar --mtime=@0 --numeric-owner --owner=65532 --group=65532 -rf "$layer" -C "$root" ./data
diff_id=sha256:$(sha256sum "$layer" | cut -d' ' -f1)

# The health check runs the gateway's own probe class (the image has no shell and no curl): exit 0 when
# /health/ready answers 200. Docker and compose use it; Kubernetes uses its own probes on the same paths.
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"User":"65532:65532","WorkingDir":"/data",
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Healthcheck":{"Test":["CMD","/opt/java/bin/java","-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-Xmx16m","-XX:-UsePerfData",
    "-cp","/app/classes","dev.meridian.deploy.HealthCheck","http://127.0.0.1:8080/health/ready"],
   "Interval":15000000000,"Timeout":5000000000,"StartPeriod":30000000000,"Retries":3}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/docker/build-base-image.sh (jlink of $("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p'))"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["meridian-base:local"],"Layers":["layer.tar"]}]\n' > "$work/manifest.json"
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -cf "$tarball.tmp" -C "$work" manifest.json config.json layer.tar
mv "$tarball.tmp" "$tarball"
rm -rf "$work"
echo "base image: $tarball ($(du -h "$tarball" | cut -f1), Java from $jdk)"
