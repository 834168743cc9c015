#!/usr/bin/env bash
# Installs what winras is built and tested with on Debian, if it is missing: mingw-w64 for both
# architectures, 64-bit Wine and promtool (Debian's prometheus package: ras_exporter's alert rules
# and a scrape of it are checked with it); with --wine32, also 32-bit Wine (wine32:i386), which the
# windows/386 tests run under.
#
# Some kernels cannot run 32-bit x86 programs at all (IA-32 emulation off, as on some VMs): there
# 32-bit Wine's loader fails with "Exec format error", and this runs it under qemu-user instead,
# registered for i386 ELF files with binfmt_misc. qemu must be 10 or later: Debian 12's 7.2 ignores
# MAP_FIXED_NOREPLACE, so Wine's reservation of the address space makes some 65,000 mmap calls,
# and every 32-bit Wine process then takes about a minute to start (10.0: a third of a second).
set -euo pipefail

want32=
[ "${1:-}" = --wine32 ] && want32=1

pkgs=()
command -v x86_64-w64-mingw32-gcc >/dev/null || pkgs+=(gcc-mingw-w64-x86-64)
command -v i686-w64-mingw32-gcc >/dev/null || pkgs+=(gcc-mingw-w64-i686)
# The native tests fuzz the shim's C decoder against Go's: cgo, natively.
command -v gcc >/dev/null || pkgs+=(gcc libc6-dev)
command -v wine >/dev/null || pkgs+=(wine)
[ -x /usr/lib/wine/wine64 ] || pkgs+=(wine64)
command -v promtool >/dev/null || pkgs+=(prometheus)
add_i386=
if [ -n "$want32" ]; then
	dpkg --print-foreign-architectures | grep -qx i386 || add_i386=1
	[ -x /usr/lib/wine/wine ] || pkgs+=(wine32:i386)
fi

as_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing: $1; as root, run: $2" >&2
		exit 1
	fi
}

apt_install() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ${#pkgs[@]} -gt 0 ]; then
	cmd="apt-get update && apt-get install -y --no-install-recommends ${pkgs[*]}"
	[ -n "$add_i386" ] && cmd="dpkg --add-architecture i386 && $cmd"
	as_root "${pkgs[*]}" "$cmd"
	echo "deps: installing ${pkgs[*]}"
	[ -n "$add_i386" ] && dpkg --add-architecture i386
	apt-get update -qq
	apt_install "${pkgs[@]}"
fi

[ -n "$want32" ] || exit 0
/usr/lib/wine/wine --version >/dev/null 2>&1 && exit 0

# 32-bit Wine is installed but this kernel does not run it: qemu-user.
qemu_major() {
	qemu-i386-static --version 2>/dev/null | sed -n 's/^qemu-i386 version \([0-9]*\).*/\1/p'
}
if [ "$(qemu_major)" = "" ] || [ "$(qemu_major)" -lt 10 ]; then
	as_root "qemu-user-static 10 or later (this kernel cannot run 32-bit programs)" \
		"apt-get install qemu-user-static (from your release's backports if it is older than 10)"
	echo "deps: this kernel cannot run 32-bit programs: installing qemu-user-static to run 32-bit Wine"
	apt-get update -qq
	apt_install qemu-user-static
	if [ "$(qemu_major)" -lt 10 ]; then
		codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
		echo "deps: qemu $(qemu_major) is too slow for Wine; installing qemu-user-static from $codename-backports"
		cat >/etc/apt/sources.list.d/winras-backports.sources <<-EOF
			Types: deb
			URIs: http://deb.debian.org/debian
			Suites: $codename-backports
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
		EOF
		apt-get update -qq
		apt_install -t "$codename-backports" qemu-user-static
	fi
fi
as_root "a binfmt_misc registration of qemu-i386-static" "$0 --wine32"
binfmt=/proc/sys/fs/binfmt_misc
mountpoint -q "$binfmt" || mount -t binfmt_misc binfmt_misc "$binfmt"
# F: the kernel opens the interpreter now; an older registration keeps the file it opened then.
[ -e "$binfmt/qemu-i386" ] && echo -1 >"$binfmt/qemu-i386"
echo ':qemu-i386:M::\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-i386-static:F' >"$binfmt/register"
if ! /usr/lib/wine/wine --version >/dev/null 2>&1; then
	echo "deps: 32-bit Wine still does not run under qemu-i386-static: $(/usr/lib/wine/wine --version 2>&1 | head -1)" >&2
	exit 1
fi
echo "deps: 32-bit Wine runs under qemu-i386-static $(qemu-i386-static --version | head -1 | sed 's/.*version //')"
