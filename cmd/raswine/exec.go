//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"debug/pe"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

func execute(args []string) error {
	fl := flag.NewFlagSet("exec", flag.ContinueOnError)
	dir := fl.String("dir", "", "the folder raswine setup built into")
	backend := fl.String("backend", "sim", `rasapi32.dll: "sim", the simulator; "builtin", Wine's own; "none", a Windows without one`)
	beside := fl.Bool("beside", false, "also copy the simulator beside the program, for a program built with -tags rassim")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *dir == "" || fl.NArg() == 0 {
		return errors.New("exec needs -dir DIR and a program: exec -dir DIR [-backend sim|builtin|none] [-beside] PROGRAM.exe [ARGS...]")
	}
	order, ok := map[string]string{"sim": "n", "builtin": "b", "none": ""}[*backend]
	if !ok {
		return fmt.Errorf(`-backend %q: "sim", "builtin" or "none"`, *backend)
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	prefix := prefixOf(abs)
	if _, err := os.Stat(filepath.Join(prefix, ready)); err != nil {
		return fmt.Errorf("%s has no prefix: run raswine setup %s first", *dir, *dir)
	}
	program := fl.Arg(0)
	a, err := archOf(program)
	if err != nil {
		return err
	}
	if a.name == "386" && !wine32() {
		return errors.New("a 386 program needs 32-bit Wine (Debian: dpkg --add-architecture i386, then wine32:i386)")
	}
	if *beside {
		if err := copyBeside(filepath.Join(abs, a.name), filepath.Dir(program)); err != nil {
			return err
		}
	}
	env := wineEnv(prefix)
	if err := startServer(abs, env); err != nil {
		return err
	}
	// rasapi32=n: only a native rasapi32 (the simulator, in system32); =b: only Wine's builtin,
	// whatever system32 holds; empty: none at all. Never n,b: a missing simulator would quietly
	// give the stubs. A program's children inherit it, whatever their environment says.
	env = setEnv(env, "WINEDLLOVERRIDES", "mscoree,mshtml=;rasapi32="+order)
	env = setEnv(env, "WINRAS_BACKEND", *backend)
	if os.Getenv("RASSIM_NAMESPACE") == "" {
		env = setEnv(env, "RASSIM_NAMESPACE", fmt.Sprintf("run%d", os.Getpid()))
	}
	loader, err := loaderFor(a)
	if err != nil {
		return err
	}
	// In this very process, so that go test's signals (an interrupt, a timeout's kill) reach it.
	return syscall.Exec(loader, append([]string{loader}, fl.Args()...), env)
}

// archOf reads the program's PE header.
func archOf(program string) (arch, error) {
	f, err := pe.Open(program)
	if err != nil {
		return arch{}, fmt.Errorf("%s: not a Windows program: %v", program, err)
	}
	defer f.Close()
	switch f.Machine {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		return arches[0], nil
	case pe.IMAGE_FILE_MACHINE_I386:
		return arches[1], nil
	}
	return arch{}, fmt.Errorf("%s: machine %#x: raswine runs amd64 and 386 programs", program, f.Machine)
}

// loaderFor picks Wine's loader: with 32-bit Wine installed, wine is the 32-bit loader, which runs
// a 64-bit program through start.exe in another process, where no signal to this one reaches it.
func loaderFor(a arch) (string, error) {
	names := []string{"wine"}
	if a.name == "amd64" {
		names = []string{"/usr/lib/wine/wine64", "wine64", "wine"}
	}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", errors.New("wine not found: install Wine 8 or later")
}

// copyBeside puts the simulator of the program's architecture into its folder, and the one
// without RasGetProjectionInfoEx into vista/ there.
func copyBeside(from, to string) error {
	for _, name := range []string{"rasapi32.dll", filepath.Join("vista", "rasapi32.dll")} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(to, name)), 0o755); err != nil {
			return err
		}
		if err := copyFile(filepath.Join(from, name), filepath.Join(to, name)); err != nil {
			return err
		}
	}
	return nil
}
