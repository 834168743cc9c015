#!/bin/sh
# The runner behind `go test -exec`: runs one Windows binary under the project's Wine prefix.
#
# With WINRAS_SIM set to the simulator's rasapi32.dll, the DLL is copied next to the binary and
# forced native (Wine loads a native rasapi32 only from the .exe's folder or system32, and only
# with the override); without it, Wine's builtin rasapi32 answers. WINRAS_BACKEND tells the tests
# which one they run against. RASSIM_NAMESPACE keeps concurrent test binaries from sharing one
# simulated RAS service, while processes a test starts itself inherit it and do share.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$1
shift
export WINEPREFIX="${WINEPREFIX:-$root/build/wineprefix}"
export WINEDEBUG="${WINEDEBUG:--all}"
if [ -n "${WINRAS_SIM:-}" ]; then
	cp "$WINRAS_SIM" "$(dirname "$bin")/rasapi32.dll"
	# The simulator as a Windows without RasGetProjectionInfoEx, for a test that runs itself
	# again from vista/ (Wine loads a native rasapi32 only from the program's folder).
	vista=$(dirname "$WINRAS_SIM")/vista/rasapi32.dll
	if [ -f "$vista" ]; then
		mkdir -p "$(dirname "$bin")/vista"
		cp "$vista" "$(dirname "$bin")/vista/rasapi32.dll"
	fi
	export WINEDLLOVERRIDES="mscoree,mshtml=;rasapi32=n"
	export WINRAS_BACKEND=sim
else
	export WINEDLLOVERRIDES="mscoree,mshtml="
	export WINRAS_BACKEND=builtin
fi
export RASSIM_NAMESPACE="${RASSIM_NAMESPACE:-run$$}"
exec "$root/wine/run.sh" "$bin" "$@"
