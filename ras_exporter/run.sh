#!/usr/bin/env bash
# Tests ras_exporter as its own module, with the commands of rassim/README.md ("Testing your own
# module under Wine"): raswine built from this tree into DIR, set up there, then the exporter's
# tests under Wine for windows/amd64 and windows/386, against the simulator and Wine's builtin
# rasapi32; go vet for linux, windows/amd64 and windows/386, and the native tests; the alert
# rules' unit tests (promtool test rules); last, the demo, which stops the exporter with Ctrl-C,
# and whose scrape promtool checks (promtool check metrics). promtool is Debian's prometheus
# package, which wine/deps.sh installs.
#
#   ras_exporter/run.sh DIR      DIR: raswine's folder (make -f mingw.mk test gives it build/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dir=$(mkdir -p "$1" && cd "$1" && pwd)

(cd "$root" && go build -o "$dir/raswine" ./cmd/raswine)
"$dir/raswine" setup "$dir"

cd "$here"
win64=(env GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc)
win32=(env GOOS=windows GOARCH=386 CGO_ENABLED=1 CC=i686-w64-mingw32-gcc)

echo "== ras_exporter: the alert rules (promtool check rules, promtool test rules)"
promtool check rules alerts.yml
promtool test rules alerts_test.yml

echo "== ras_exporter: vet (linux, windows/amd64, windows/386) and native tests"
GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go vet ./...
"${win64[@]}" go vet ./...
"${win32[@]}" go vet ./...
go test -count=1 ./...

for backend in sim builtin; do
	echo "== ras_exporter under Wine, windows/amd64 and windows/386, $backend rasapi32"
	"${win64[@]}" go test -count=1 -exec "$dir/raswine exec -dir $dir -backend $backend" ./...
	"${win32[@]}" go test -count=1 -exec "$dir/raswine exec -dir $dir -backend $backend" ./...
done

echo "== ras_exporter in a console, under Wine: a scrape (promtool check metrics), then Ctrl-C"
scrape=$(mktemp)
trap 'rm -f "$scrape"' EXIT
RAS_EXPORTER_SCRAPE=$scrape "$here/demo.sh" "$dir" >/dev/null
grep -q '^ras_up 1$' "$scrape" || { echo "ras_exporter: the demo's scrape has no ras_up 1" >&2; exit 1; }
promtool check metrics <"$scrape"
echo "ok"
