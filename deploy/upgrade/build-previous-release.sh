#!/usr/bin/env bash
# Builds the gateway jar of the previous release (deploy/upgrade/previous-release) from this repository's history,
# for the rolling-upgrade test: `git archive` of its commit, built by its own Maven Wrapper (package, no tests).
#
#   build-previous-release.sh OUT_DIR    writes OUT_DIR/meridian.jar and OUT_DIR/commit (kept while the commit is)
#
# Needs the repository's history: a shallow clone fails, naming the fix. About 25 s on two cores.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
commit=$(sed -n 's/^commit=//p' "$repo/deploy/upgrade/previous-release")
if [ -s "$out/meridian.jar" ] && [ "$(cat "$out/commit" 2>/dev/null)" = "$commit" ]; then
  echo "previous release: $out/meridian.jar ($commit) is up to date"
  exit 0
fi
if ! git -c safe.directory="$repo" -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null \
  && [ "$(git -c safe.directory="$repo" -C "$repo" rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
  echo "previous release: $commit is beyond this shallow clone's history; fetching the rest from its origin"
  git -c safe.directory="$repo" -C "$repo" fetch --quiet --unshallow || true
fi
if ! git -c safe.directory="$repo" -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "previous release: commit $commit is not in this clone's history (a shallow clone, or sources without .git);" \
    "run 'git fetch --unshallow', or skip the upgrade test's build with -Dprevious.release.skip=true" >&2
  exit 2
fi
src=$out/src
rm -rf "$src" "$out/meridian.jar" "$out/commit"
mkdir -p "$src"
git -c safe.directory="$repo" -C "$repo" archive "$commit" | tar -x -C "$src"
echo "previous release: building $commit"
(cd "$src" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl meridian-server -am package)
mv "$src/meridian-server/target/meridian.jar" "$out/meridian.jar"
echo "$commit" > "$out/commit"
rm -rf "$src"
echo "previous release: $out/meridian.jar"
