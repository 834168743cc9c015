#!/usr/bin/env bash
# Tests examples/agent as another module tests its RAS code, with exactly the commands of
# rassim/README.md ("Testing your own module under Wine"): once from this tree (the module's
# replace), and once from a read-only module cache, where a file proxy serves this tree as a
# release.
#
#   examples/run.sh DIR      DIR: raswine's folder (make -f mingw.mk test gives it build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mkdir -p "$1" && cd "$1" && pwd)

# agent_tests MODULE runs the README's commands in MODULE: raswine built from the module's own
# winras, setup, then go test for both architectures against the simulator and Wine's builtin.
agent_tests() {
	(
		cd "$1"
		go build -o "$dir/raswine" github.com/winras/ras/cmd/raswine
		"$dir/raswine" setup "$dir"
		for backend in sim builtin; do
			GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
				go test -count=1 -exec "$dir/raswine exec -dir $dir -backend $backend" ./...
			GOOS=windows GOARCH=386 CGO_ENABLED=1 CC=i686-w64-mingw32-gcc \
				go test -count=1 -exec "$dir/raswine exec -dir $dir -backend $backend" ./...
		done
	)
}

echo "== examples/agent, with winras from this tree"
agent_tests "$root/examples/agent"

# The go command indexes a module version's files once, in its build cache, since a release's
# never change; this tree's do, so each run serves it as a version of its own (a pseudo-version,
# as for a commit after v0.1.0), or a later run would build with an earlier one's file list.
version=v0.1.1-0.$(date -u +%Y%m%d%H%M%S)-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
echo "== examples/agent, with winras $version from a read-only module cache"
work=$dir/modcache
# The go command makes a module cache read-only: rm needs it writable again.
[ ! -d "$work" ] || chmod -R u+w "$work"
rm -rf "$work"
mkdir -p "$work"
(cd "$root" && go run ./internal/modproxy "$work/proxy" "$version")
cp -r "$root/examples/agent" "$work/agent"
(cd "$work/agent" && go mod edit -dropreplace github.com/winras/ras -require "github.com/winras/ras@$version")
# The other modules come from this machine's own cache, served as a proxy too: no network.
downloads=$(go env GOMODCACHE)/cache/download
export GOMODCACHE=$work/gomod GOPROXY=file://$work/proxy,file://$downloads GOSUMDB=off GOFLAGS=-mod=mod
agent_tests "$work/agent"
cached=$GOMODCACHE/github.com/winras/ras@$version
if [ -n "$(find "$cached" -perm -u+w -type f | head -1)" ]; then
	echo "examples: $cached is writable: not a read-only module cache" >&2
	exit 1
fi
# Root writes to read-only files regardless: whatever was written there, verify finds it.
(cd "$work/agent" && go mod verify)
