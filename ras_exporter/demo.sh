#!/usr/bin/env bash
# The exporter's part of the demo: ras_exporter under Wine, against the rasapi32 simulator, with
# a VPN connection and a dial-up one; one scrape of its metrics, then Ctrl-C.
#
#   ras_exporter/demo.sh BUILDDIR
#
# BUILDDIR is where raswine setup built the simulator and the Wine prefix (BUILDDIR/raswine runs
# each program there; make -f mingw.mk demo gives it build/). ras_exporter.exe and rassimctl.exe
# (windows/amd64) are built into BUILDDIR/ras_exporter-demo/. With RAS_EXPORTER_SCRAPE set, the
# whole scrape is copied there (run.sh checks it with promtool).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dir=$(cd "$1" && pwd)
if [ ! -x "$dir/raswine" ]; then
	echo "ras_exporter demo: $dir/raswine is missing: run make -f mingw.mk setup" >&2
	exit 1
fi
bin=$dir/ras_exporter-demo
win64=(env GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc)
(cd "$here" && "${win64[@]}" go build -o "$bin/ras_exporter.exe" .)
(cd "$root" && "${win64[@]}" go build -o "$bin/rassimctl.exe" ./cmd/rassimctl)

# A simulated RAS service of the demo's own, which lasts while the exporter has it loaded.
export RASSIM_NAMESPACE="exporter$$"
wine_run=("$dir/raswine" exec -dir "$dir")
tmp=$(mktemp -d)
pid=

# Runs on every exit, a failed demo's too: no Wine process is left behind.
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -INT "$pid" 2>/dev/null || true
		exited "$pid" 5 || kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# exited waits up to $2 seconds for process $1 to exit, and says whether it did.
exited() {
	local deadline=$((SECONDS + $2))
	while kill -0 "$1" 2>/dev/null; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.05
	done
}

# how says how a process ended, from its exit status as the shell reports it.
how() {
	if [ "$1" -gt 128 ]; then
		echo "was killed by SIG$(kill -l $(($1 - 128))) (status $1)"
	elif [ "$1" = 124 ]; then
		echo "did not finish in 60s"
	else
		echo "exited with status $1"
	fi
}

# rassimctl runs rassimctl.exe quietly, for a minute at most, and prints what it printed; the demo
# stops, saying how, if it fails.
rassimctl() {
	local status=0
	timeout 60 "${wine_run[@]}" "$bin/rassimctl.exe" "$@" </dev/null || status=$?
	if [ "$status" != 0 ]; then
		echo "ras_exporter demo: rassimctl $* $(how "$status")" >&2
		exit 1
	fi
}

# get GETs $1 from the exporter (bash's /dev/tcp: the demo needs no curl) into $tmp/scrape.
get() {
	exec 3<>"/dev/tcp/127.0.0.1/$port"
	printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
	tr -d '\r' <&3 >"$tmp/scrape"
	exec 3<&-
}

printf '\n== ras_exporter: the connections as Prometheus metrics\n'
echo '$ ras_exporter --web.listen-address 127.0.0.1:0 &    (a free port, for the demo)'
: >"$tmp/err" # before the exporter opens it: the wait below reads it at once
"${wine_run[@]}" "$bin/ras_exporter.exe" --web.listen-address 127.0.0.1:0 </dev/null >"$tmp/out" 2>"$tmp/err" &
pid=$!
deadline=$((SECONDS + 30))
until grep -q 'msg=listening' "$tmp/err"; do
	if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "ras_exporter demo: the exporter did not start; its stderr:" >&2
		cat "$tmp/err" >&2
		exit 1
	fi
	sleep 0.05
done
port=$(sed -n 's/.*msg=listening address=[^ ]*:\([0-9]*\) .*/\1/p' "$tmp/err" | head -1)
echo "listening on 127.0.0.1:$port"

echo "Office VPN connects and carries traffic; a modem call connects, then the line drops (629)."
office=$(rassimctl add --entry "Office VPN" --device-name "WAN Miniport (IKEv2)" \
	--correlation-id '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}')
rassimctl project "$office" --type ikev2 --ipv4 10.10.0.2 --ipv4-server 10.10.0.1 --auth eap \
	--encryption aes-256 >/dev/null
rassimctl stats "$office" --bytes-sent 52428800 --bytes-received 314572800 --rate-bytes-received 1048576 \
	--bps 100000000 --duration 42m >/dev/null
modem=$(rassimctl add --phone 5550123 --device-type modem --device-name "Standard 56000 bps Modem")
rassimctl drop "$modem" 629 >/dev/null

# The exporter's watcher counts the drop as Windows notifies it: a moment after.
echo "\$ GET http://127.0.0.1:$port/metrics | grep ..."
deadline=$((SECONDS + 15))
until get /metrics && grep -q '^ras_connections_dropped_total' "$tmp/scrape"; do
	if [ $SECONDS -ge $deadline ]; then
		echo "ras_exporter demo: no drop counted in 15s; the scrape:" >&2
		cat "$tmp/scrape" >&2
		exit 1
	fi
	sleep 0.1
done
grep -E '^(ras_up|ras_connections|ras_connection_info|ras_connection_bytes_received_total|ras_connection_address_info|ras_connection_projection_info|ras_connections_connected_total|ras_connections_dropped_total)[ {]' \
	"$tmp/scrape" | sed 's/^/   /'
if [ -n "${RAS_EXPORTER_SCRAPE:-}" ]; then
	# The body alone, without the HTTP header.
	sed '1,/^$/d' "$tmp/scrape" >"$RAS_EXPORTER_SCRAPE"
fi

echo '$ kill -INT %1    (Ctrl-C)'
kill -INT "$pid"
if ! exited "$pid" 10; then
	echo "ras_exporter demo: the exporter did not stop within 10s of SIGINT; its stderr:" >&2
	cat "$tmp/err" >&2
	exit 1
fi
status=0
wait "$pid" || status=$?
pid=
if [ "$status" != 0 ] || ! grep -q 'msg=stopping' "$tmp/err"; then
	echo "ras_exporter demo: the exporter $(how "$status") after Ctrl-C; its stderr:" >&2
	cat "$tmp/err" >&2
	exit 1
fi
echo "ras_exporter stopped (exit status 0)."
