#!/usr/bin/env bash
# Creates the project's Wine prefix if it is not there yet, and installs the ProcessPrng shims
# into it (Go 1.21.5 and later abort at start under Wine 8.0 without bcryptprimitives!ProcessPrng).
#
#   wine/prefix.sh PREFIX SHIM64 SHIM32
#
# .winras-ready records what the prefix was made with. A prefix made while 32-bit Wine was not
# installed has an empty syswow64, where every 32-bit program dies with "could not load
# kernel32.dll", and no update repairs it: once 32-bit Wine runs here, such a prefix is made again.
set -euo pipefail
prefix=$1
shim64=$2
shim32=$3
ready=$prefix/.winras-ready

wine32=
/usr/lib/wine/wine --version >/dev/null 2>&1 && wine32=1

if [ -f "$ready" ] && [ -n "$wine32" ] && ! grep -qx wine32 "$ready"; then
	echo "prefix: $prefix was made without 32-bit Wine: making it again"
	WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
	WINEPREFIX=$prefix wineserver -w
	rm -rf "$prefix"
fi
if [ ! -f "$ready" ]; then
	echo "prefix: creating the Wine prefix in $prefix (once; takes a little while)"
	rm -rf "$prefix"
	WINEPREFIX=$prefix wineboot -i </dev/null >/dev/null 2>&1
	WINEPREFIX=$prefix wineserver -w
fi
cp "$shim64" "$prefix/drive_c/windows/system32/bcryptprimitives.dll"
if [ -d "$prefix/drive_c/windows/syswow64" ]; then
	cp "$shim32" "$prefix/drive_c/windows/syswow64/bcryptprimitives.dll"
fi
# Written last: a creation that was interrupted is started again.
if [ ! -f "$ready" ]; then
	wine --version >"$ready"
	[ -z "$wine32" ] || echo wine32 >>"$ready"
fi
