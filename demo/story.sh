#!/usr/bin/env bash
# The rasctl demo: a short scripted session under Wine, against the rasapi32 simulator.
#
#   demo/story.sh BINDIR DIR
#
# BINDIR holds rasctl.exe and rassimctl.exe; DIR is where raswine setup built the simulator and
# the Wine prefix (DIR/raswine runs each program there). `make -f mingw.mk demo` builds them all,
# then runs this. rassimctl plays the rest of the world: it makes connections come and go in the
# simulated RAS service, which every process of the story shares (one RASSIM_NAMESPACE), as every
# process on a Windows machine shares the real one.
set -euo pipefail

bin=$(cd "$1" && pwd)
dir=$(cd "$2" && pwd)
for f in "$bin/rasctl.exe" "$bin/rassimctl.exe" "$dir/raswine"; do
	if [ ! -f "$f" ]; then
		echo "demo: $f is missing: run make -f mingw.mk demo" >&2
		exit 1
	fi
done

export RASSIM_NAMESPACE="demo$$"

# raswine exec starts a 64-bit program with Wine's 64-bit loader in its own process (not through
# start.exe, as /usr/bin/wine does once 32-bit Wine is installed), so that the SIGINT below
# reaches it; it also starts Wine's server and services, detached, so that they cannot hold up
# "$(...)" or a pipe.
wine_run=("$dir/raswine" exec -dir "$dir")

tmp=$(mktemp -d)
watch_pid=

# The command run last, and how it ended: what a story that stops says it stopped at.
last_cmd=
last_status=0

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

# ended records how the command $2... ended ($1), and stops the story when a signal ended it:
# every command of the story ends by itself, with 0 or with the failure it shows.
ended() {
	last_status=$1
	shift
	last_cmd="$*"
	if [ "$last_status" -gt 128 ] || [ "$last_status" = 124 ]; then
		echo "demo: $last_cmd $(how "$last_status")" >&2
		exit 1
	fi
}

# Runs on every exit, a failed story's too: no Wine process is left behind.
cleanup() {
	local status=$?
	if [ "$status" != 0 ] && [ "$last_status" != 0 ] && [ "$last_status" -le 128 ] && [ "$last_status" != 124 ]; then
		echo "demo: stopped: $last_cmd $(how "$last_status")" >&2
	fi
	if [ -n "$watch_pid" ] && kill -0 "$watch_pid" 2>/dev/null; then
		kill -INT "$watch_pid" 2>/dev/null || true
		exited "$watch_pid" 5 || kill -KILL "$watch_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

# show prints a command line as one would type it, wrapped before a flag at 100 columns.
show() {
	local a units=() line='$' plain='^[A-Za-z0-9_./:=@%&|+-]+$'
	for a in "$@"; do
		if [[ ! $a =~ $plain ]]; then
			a="'$a'"
		fi
		# A flag's value stays on the flag's line.
		if [ ${#units[@]} -gt 0 ] && [[ ${units[-1]} == --* && ${units[-1]} != *" "* && $a != --* ]]; then
			units[-1]+=" $a"
		else
			units+=("$a")
		fi
	done
	for a in "${units[@]}"; do
		if [ $((${#line} + 1 + ${#a})) -gt 98 ] && [[ $a == --* ]]; then
			printf '%s \\\n' "$line"
			line="   "
		fi
		line+=" $a"
	done
	printf '%s\n' "$line"
}

# run shows a command line and runs it, for a minute at most.
run() {
	show "$@"
	local status=0
	timeout 60 "${wine_run[@]}" "$bin/$1.exe" "${@:2}" </dev/null || status=$?
	ended "$status" "$@"
	return "$status"
}

# run_with_password is run, with the password $1 as the first line of the command's standard
# input, as `echo PASSWORD | rasctl dial ... --password-stdin` gives it.
run_with_password() {
	local password=$1 status=0
	shift
	show echo "$password" '|' "$@"
	printf '%s\n' "$password" | timeout 60 "${wine_run[@]}" "$bin/$1.exe" "${@:2}" || status=$?
	ended "$status" "$@"
	return "$status"
}

# run_keep is run, and keeps what the command printed in $out.
run_keep() {
	show "$@"
	local status=0
	out=$(timeout 60 "${wine_run[@]}" "$bin/$1.exe" "${@:2}" </dev/null) || status=$?
	ended "$status" "$@"
	out=${out%$'\r'}
	printf '%s\n' "$out"
	return "$status"
}

# exited waits up to $2 seconds for process $1 to exit, and says whether it did.
exited() {
	local deadline=$((SECONDS + $2))
	while kill -0 "$1" 2>/dev/null; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.05
	done
}

# watch_shown counts the lines of the watch's output already shown.
watch_shown=0

# show_watch waits until rasctl watch has printed $1 lines in all, then shows the new ones.
show_watch() {
	local deadline=$((SECONDS + 15))
	while [ "$(wc -l <"$tmp/watch.out")" -lt "$1" ]; do
		if [ $SECONDS -ge $deadline ]; then
			echo "demo: rasctl watch printed $(wc -l <"$tmp/watch.out") lines in 15s, not $1; its stderr:" >&2
			cat "$tmp/watch.err" >&2
			exit 1
		fi
		sleep 0.05
	done
	tail -n "+$((watch_shown + 1))" "$tmp/watch.out" | head -n "$(($1 - watch_shown))" | sed 's/^/   watch | /'
	watch_shown=$1
}

cat <<EOF
winras demo: rasctl under Wine, against the rasapi32 simulator.
rasctl is the tool; rassimctl plays the world around it (VPN servers, modems, people dialling).
Each "\$ NAME ..." line runs "wine $bin/NAME.exe ...".
EOF

say "Start \`rasctl watch\` in the background: it prints each connection that comes or goes."
show rasctl watch \&
: >"$tmp/watch.err" # before rasctl opens it: the wait below reads it at once
"${wine_run[@]}" "$bin/rasctl.exe" watch </dev/null >"$tmp/watch.out" 2>"$tmp/watch.err" &
watch_pid=$!
# It says on stderr when it watches: a connection made from then on is reported. Having the
# simulator loaded, it also keeps the simulated RAS service for the rest of the story (the
# service lasts while a process has it loaded).
deadline=$((SECONDS + 30))
until grep -q watching "$tmp/watch.err"; do
	if [ $SECONDS -ge $deadline ] || ! kill -0 "$watch_pid" 2>/dev/null; then
		echo "demo: rasctl watch did not start; its stderr:" >&2
		cat "$tmp/watch.err" >&2
		exit 1
	fi
	sleep 0.05
done
show_watch 1

say "Two VPN connections come up."
run_keep rassimctl add --entry "Office VPN" --phone vpn.example.com --device-name "WAN Miniport (IKEv2)" \
	--phonebook 'C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk' --flags all_users \
	--entry-id '{6B29FC40-CA47-1067-B31D-00DD010662DA}' --correlation-id '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}' \
	--local 192.0.2.10 --remote 203.0.113.5
office=$out
show_watch 2
run rassimctl add --entry "Lab VPN" --phone lab.example.com --device-name "WAN Miniport (SSTP)" \
	--phonebook 'C:\Users\demo\AppData\Roaming\Microsoft\Network\Connections\Pbk\rasphone.pbk' \
	--entry-id '{9A8F2C11-5D3E-4B7A-8C21-6E0F4D3B2A19}' --correlation-id '{C0FFEE00-1234-4D5E-9F00-ABCDEF012345}'
show_watch 3

say "A dial-up connection made without a phone-book entry: its number names it."
run rassimctl add --phone 5550123 --device-type modem --device-name "Standard 56000 bps Modem" \
	--correlation-id '{0D1E2F30-4150-4617-8A9B-ACBDCEDFE0F1}'
show_watch 4

say "List them, for people and for scripts."
run rasctl list
run rasctl list --json

say "Office VPN's tunnel negotiated its addresses, and carries traffic (the VPN server's side)."
run rassimctl project "$office" --type ikev2 --ipv4 10.10.0.2 --ipv4-server 10.10.0.1 --ipv6 fd00:10::2 \
	--prefix 64 --server 10.10.0.1 --server 10.10.0.5 --server fd00:10::1 --auth eap --eap-type 26 --encryption aes-256
run rassimctl stats "$office" --bytes-sent 52428800 --bytes-received 314572800 --rate-bytes-received 1048576 \
	--frames-sent 41000 --frames-received 230000 --bps 100000000 --duration 42m

say "The status of one, by name (a handle or, for the dial-up one, its number work too), with its addresses."
run rasctl status "Office VPN"
run rasctl status "Office VPN" --json

say "What it carried: Windows counts in 32 bits, so the byte counts wrap at 4 GiB."
run rasctl stats "Office VPN"

say "Hang one up: rasctl returns once RAS no longer reports the connection."
run rasctl hangup "Lab VPN"
show_watch 5
run rasctl list

say "The phone book: entries to dial. (rassimctl plays the VPN server: the states a dial passes, the credentials it takes.)"
run rassimctl entry "Home VPN" --all-users --phone home.example.com --device-name "WAN Miniport (IKEv2)" \
	--user alice --password 's3cret!' \
	--script "OpenPort,ConnectDevice:300ms,Authenticate:200ms,AuthNotify:100ms,Projected:100ms,AuthNotify:100ms,Authenticated:200ms,ApplySettings:100ms"
run rasctl entries

say "A wrong password: the dial fails at Authenticate, and rasctl hangs up and waits before it exits 1."
run_with_password guess rasctl dial "Home VPN" --user alice --password-stdin || echo "(rasctl exited with status $?)"

say "The right one: each state shows as the dial reaches it (IKEv2 reports some twice)."
run_with_password 's3cret!' rasctl dial "Home VPN" --user alice --password-stdin
show_watch 6
run rasctl hangup "Home VPN"
show_watch 7

say "Ctrl-C ends the watch (here: SIGINT, which Wine delivers as the console's Ctrl-C)."
show kill -INT %1
kill -INT "$watch_pid"
if ! exited "$watch_pid" 10; then
	echo "demo: rasctl watch did not stop within 10s of SIGINT (pid $watch_pid); its stderr:" >&2
	cat "$tmp/watch.err" >&2
	exit 1
fi
status=0
wait "$watch_pid" || status=$?
watch_pid=
ended "$status" rasctl watch
show_watch "$(wc -l <"$tmp/watch.out")"
if grep -v watching "$tmp/watch.err" >"$tmp/complaints"; then
	echo "rasctl watch reported on stderr:"
	cat "$tmp/complaints"
fi
echo "rasctl watch exited with status $status."
if [ "$status" != 0 ]; then
	exit 1
fi
say "Done."
