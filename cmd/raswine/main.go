//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

// Command raswine runs Go tests for Windows under Wine, against the rasapi32 simulator
// (github.com/winras/ras/rassim) or Wine's builtin rasapi32, from any module: everything it needs
// is built into it, so it works from a read-only module cache.
//
//	raswine setup DIR
//	raswine exec -dir DIR [-backend sim|builtin|none] [-beside] PROGRAM.exe [ARGS...]
//	raswine stop DIR
//
// setup builds the simulator and the ProcessPrng shim for amd64 and 386 with mingw-w64 into DIR
// (DIR/amd64, DIR/386), makes a Wine prefix of its own in DIR/wineprefix (with syswow64 when
// 32-bit Wine is installed) and installs both DLLs into its system32 and syswow64, where Windows
// has its rasapi32.dll. Run it again whenever the module's version changes; it is quick once the
// prefix exists.
//
// exec is a go test -exec runner: it runs one Windows program under DIR's prefix, with the 64-bit
// loader for an amd64 program, in its own process so that go test's signals reach it. With
// -backend sim (the default) rasapi32.dll is the simulator, with builtin Wine's own, and with
// none there is none, as on a Windows without RAS; the program finds which in WINRAS_BACKEND. Unless RASSIM_NAMESPACE is set, each exec has
// a simulated RAS service of its own, so that test binaries that go test runs at once do not share
// one. -beside also copies the simulator beside the program (and the one without
// RasGetProjectionInfoEx into vista/ beside it), for programs built with -tags rassim, which load
// rasapi32.dll from their own folder. exec starts the Wine server when none is running; it stops
// a minute after the last program ends, or at once with stop.
//
//	go build -o DIR/raswine github.com/winras/ras/cmd/raswine
//	DIR/raswine setup DIR
//	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go test -exec "DIR/raswine exec -dir DIR" ./...
//	DIR/raswine stop DIR
//
// It runs on Linux, macOS and the BSDs (where Wine does, and flock exists), and needs mingw-w64
// (x86_64-w64-mingw32-gcc, i686-w64-mingw32-gcc) and Wine 8 or later (wine, wine64, and wine32 for
// 386) on PATH. On Windows itself, build the tests with -tags rassim and put the simulator beside
// them (see rassim/README.md).
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "setup":
		err = setup(os.Args[2:])
	case "exec":
		err = execute(os.Args[2:])
	case "stop":
		err = stop(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "raswine:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  raswine setup DIR
  raswine exec -dir DIR [-backend sim|builtin|none] [-beside] PROGRAM.exe [ARGS...]
  raswine stop DIR`)
	os.Exit(2)
}

// oneDir is the argument of setup and stop.
func oneDir(cmd string, args []string) (string, error) {
	if len(args) != 1 || args[0] == "" {
		return "", fmt.Errorf("%s takes one argument, the folder setup builds into", cmd)
	}
	return args[0], nil
}
