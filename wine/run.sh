#!/bin/sh
# Runs a Windows program under Wine in this very process, so that a signal sent to it (SIGINT,
# which Wine delivers as the console's Ctrl-C; a test runner's kill) reaches the program.
#
#   wine/run.sh PROGRAM.exe [ARGS...]
#
# With 32-bit Wine installed, /usr/bin/wine is the 32-bit loader, which runs a 64-bit program
# through start.exe in another process: a signal to the wine process never reaches it. A 64-bit
# program is therefore started with the 64-bit loader itself.
set -eu
bin=$1
# The PE header starts at the offset stored at 0x3c; its Machine field (0x8664: amd64) follows
# the 4-byte signature.
pe=$(od -An -tu4 -j60 -N4 "$bin" | tr -d ' ')
machine=$(od -An -tx2 -j$((pe + 4)) -N2 "$bin" | tr -d ' ')
if [ "$machine" = 8664 ] && [ -x /usr/lib/wine/wine64 ]; then
	exec /usr/lib/wine/wine64 "$@"
fi
exec wine "$@"
