#!/usr/bin/env bash
# Ends rasctl the ways users end it, hundreds of times, under load, and checks every exit status:
#
#   wine/repeat.sh DIR BINDIR...
#
# DIR is where raswine setup built the simulator and the Wine prefix; each BINDIR holds rasctl.exe
# and rassimctl.exe of one architecture. For each, in parallel processes (the load is the point):
#   - dials that connect, each followed by a hang-up of the handle it printed: both exit 0;
#   - dials interrupted by SIGINT once they printed their first state, sent to a `timeout` that
#     runs them (which passes it on twice, to the child and to its group, as CI runners do), half
#     through Wine's loader directly and half through raswine exec: each exits 1 having hung up.
# Then no handle is left that was not hung up. Any other status (137: SIGKILLed by the Wine server as the process
# exited, 0 for an interrupted dial) fails the run, naming the command and how it ended.
# wine/README.md says why these end badly when a program ends carelessly.
#
# REPEAT_DIALS (default 150) and REPEAT_INTERRUPTS (default 40) are the counts per architecture;
# REPEAT_JOBS (default 4) the parallel processes.
set -euo pipefail

dir=$(cd "$1" && pwd)
shift
dials=${REPEAT_DIALS:-150}
interrupts=${REPEAT_INTERRUPTS:-40}
jobs=${REPEAT_JOBS:-4}
raswine=("$dir/raswine" exec -dir "$dir")
tmp=$(mktemp -d)
hold_pid=
trap 'if [ -n "$hold_pid" ]; then kill -INT "$hold_pid" 2>/dev/null || true; fi; rm -rf "$tmp"' EXIT

# how says how a process ended, from its exit status as the shell reports it.
how() {
	case $1 in
	0 | 1 | 2) echo "exited with status $1" ;;
	124) echo "did not end within its timeout (status 124)" ;;
	*)
		if [ "$1" -gt 128 ]; then
			echo "was killed by SIG$(kill -l $(($1 - 128))) (status $1)"
		else
			echo "exited with status $1"
		fi
		;;
	esac
}

# fail records a command that ended otherwise than expected.
fail() { echo "$*" >>"$tmp/failures"; }

# unstarted says whether a process that printed $2 (nothing at all) and ended with status $1 is one
# that Wine 8 failed to start: now and then its loader dies before any of the program runs
# (rassim.StartProcess retries the same for Windows parents). rasctl never fails without saying
# why, so it is not rasctl's ending: such a process is started again, and counted; more than ten
# are failures.
unstarted() {
	if [ "$1" = 1 ] && [ -z "$(tr -d '\r\n' <<<"$2")" ] && [ "$(cat "$tmp/unstarted" 2>/dev/null | wc -l)" -lt 10 ]; then
		echo x >>"$tmp/unstarted"
		return 0
	fi
	return 1
}

# dialler JOB: dials its own entry and hangs up what it dialled, again and again.
dialler() {
	local job=$1 i status out handle
	for ((i = job; i < dials; i += jobs)); do
		status=0
		out=$(printf 's3cret!\n' | timeout 60 "${raswine[@]}" "$bin/rasctl.exe" dial "Home VPN $job" --user alice \
			--password-stdin 2>&1) || status=$?
		if unstarted "$status" "$out"; then
			((i -= jobs))
			continue
		fi
		handle=$(sed -n 's/^connected \(0x[0-9a-f]*\) .*/\1/p' <<<"$out")
		if [ "$status" != 0 ] || [ -z "$handle" ]; then
			fail "$arch: rasctl dial 'Home VPN $job' (dial $i) $(how "$status"); it printed: $(tail -n 3 <<<"$out" | tr '\r\n' '  ')"
			# A dial that connected and was then killed left its connection: hang it up by name.
			"${raswine[@]}" "$bin/rasctl.exe" hangup "Home VPN $job" >/dev/null 2>&1 || true
			continue
		fi
		status=0
		until out=$(timeout 60 "${raswine[@]}" "$bin/rasctl.exe" hangup "$handle" 2>&1) || status=$?
			! unstarted "$status" "$out"; do
			status=0
		done
		if [ "$status" != 0 ]; then
			fail "$arch: rasctl hangup $handle (after dial $i) $(how "$status"); it printed: $(tr '\r\n' '  ' <<<"$out")"
		fi
	done
}

# interrupter JOB: starts dials of its own slow entry and interrupts each once it shows a state.
interrupter() {
	local job=$1 i status out err pid deadline via
	for ((i = job; i < interrupts; i += jobs)); do
		out="$tmp/int$job.out" err="$tmp/int$job.err"
		: >"$out"
		if ((i % 2)); then
			via="raswine exec"
			timeout 60 "${raswine[@]}" "$bin/rasctl.exe" dial "Slow VPN $job" --user alice --password-stdin \
				<<<'s3cret!' >"$out" 2>"$err" &
		else
			via="Wine's loader"
			timeout 60 env WINEPREFIX="$dir/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;rasapi32=n" \
				"$loader" "$bin/rasctl.exe" dial "Slow VPN $job" --user alice --password-stdin \
				<<<'s3cret!' >"$out" 2>"$err" &
		fi
		pid=$!
		deadline=$((SECONDS + 30))
		while [ ! -s "$out" ] && [ $SECONDS -lt $deadline ] && kill -0 "$pid" 2>/dev/null; do
			sleep 0.02
		done
		kill -INT "$pid" 2>/dev/null || true
		status=0
		wait "$pid" || status=$?
		if unstarted "$status" "$(cat "$out" "$err")"; then
			((i -= jobs))
			continue
		fi
		if [ "$status" != 1 ] || ! grep -q 'hung up' "$err"; then
			fail "$arch: rasctl dial 'Slow VPN $job' through $via, interrupted at $(head -n 1 "$out" | tr -d '\r'), $(how "$status") (want status 1, hung up); last line: $(tail -n 1 "$out" | tr -d '\r'); stderr: $(tr '\r\n' '  ' <"$err")"
		fi
	done
}

for bin in "$@"; do
	bin=$(cd "$bin" && pwd)
	case $(od -An -tx2 -j "$(($(od -An -tu4 -j 60 -N 4 "$bin/rasctl.exe") + 4))" -N 2 "$bin/rasctl.exe" | tr -d ' ') in
	8664) arch=amd64 loader=/usr/lib/wine/wine64 ;;
	014c) arch=386 loader=/usr/lib/wine/wine ;;
	*) echo "repeat: $bin/rasctl.exe is neither amd64 nor 386" >&2 && exit 1 ;;
	esac
	export RASSIM_NAMESPACE="repeat$$$arch"
	start=$SECONDS
	: >"$tmp/hold.err" # before hold opens it: the wait below reads it at once
	"${raswine[@]}" "$bin/rassimctl.exe" hold 2>"$tmp/hold.err" &
	hold_pid=$!
	until grep -q holding "$tmp/hold.err"; do
		if ! kill -0 "$hold_pid" 2>/dev/null; then
			echo "repeat: $arch: rassimctl hold did not start: $(cat "$tmp/hold.err")" >&2
			exit 1
		fi
		sleep 0.05
	done
	for ((job = 0; job < jobs; job++)); do
		"${raswine[@]}" "$bin/rassimctl.exe" entry "Home VPN $job" --phone home.example.com \
			--device-name "WAN Miniport (IKEv2)" --user alice --password 's3cret!' \
			--script 'OpenPort,ConnectDevice:30ms,Authenticate:20ms,Authenticated:20ms'
		"${raswine[@]}" "$bin/rassimctl.exe" entry "Slow VPN $job" --phone slow.example.com \
			--device-name "WAN Miniport (SSTP)" --user alice --password 's3cret!' \
			--script 'OpenPort:400ms,ConnectDevice:400ms,Authenticate:400ms,Authenticated:400ms'
	done
	pids=()
	for ((job = 0; job < jobs; job++)); do
		dialler "$job" &
		pids+=($!)
		interrupter "$job" &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do
		wait "$pid"
	done
	left=$("${raswine[@]}" "$bin/rassimctl.exe" open-handles 2>&1 | tr -d '\r' || true)
	if [ "$left" != 0 ]; then
		fail "$arch: handles RAS gave out and nobody hung up, once every dial was hung up or interrupted: $left"
	fi
	if kill -0 "$hold_pid" 2>/dev/null; then
		kill -INT "$hold_pid"
	fi
	status=0
	wait "$hold_pid" || status=$?
	hold_pid=
	if [ "$status" != 0 ]; then
		fail "$arch: rassimctl hold, which keeps the simulated service, $(how "$status"): $(tr '\r\n' '  ' <"$tmp/hold.err")"
	fi
	echo "repeat: $arch: $dials dials and hang-ups and $interrupts interrupted dials, $jobs of each at a time, in $((SECONDS - start))s"
done

if [ -s "$tmp/unstarted" ]; then
	echo "repeat: Wine failed to start $(wc -l <"$tmp/unstarted") processes (no output, status 1): started again"
fi
if [ -s "$tmp/failures" ]; then
	echo "repeat: $(wc -l <"$tmp/failures") commands ended otherwise than expected:" >&2
	cat "$tmp/failures" >&2
	exit 1
fi
echo "repeat: every command ended as expected"
