//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ready records in the prefix what it was made with; it is written last, so that a creation that
// was interrupted starts again.
const ready = ".winras-ready"

func prefixOf(dir string) string { return filepath.Join(dir, "wineprefix") }

// setup builds the DLLs and installs them into a prefix of DIR's own, making it first if need be.
func setup(args []string) error {
	dir, err := oneDir("setup", args)
	if err != nil {
		return err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return err
	}
	if err := build(dir); err != nil {
		return err
	}
	prefix := prefixOf(dir)
	if err := makePrefix(prefix); err != nil {
		return err
	}
	for _, a := range arches {
		system := filepath.Join(prefix, "drive_c", "windows", a.system)
		if _, err := os.Stat(system); err != nil {
			continue // no syswow64 without 32-bit Wine: 386 programs cannot run at all
		}
		for _, name := range []string{"bcryptprimitives.dll", "rasapi32.dll"} {
			if err := copyFile(filepath.Join(dir, a.name, name), filepath.Join(system, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// wine32 reports whether 32-bit Wine is installed: a prefix made without it has an empty
// syswow64, where every 32-bit program dies with "could not load kernel32.dll", and no update
// repairs it.
func wine32() bool {
	for _, loader := range []string{"/usr/lib/wine/wine", "/usr/lib/i386-linux-gnu/wine/wine"} {
		if exec.Command(loader, "--version").Run() == nil {
			return true
		}
	}
	return false
}

func makePrefix(prefix string) error {
	if _, err := exec.LookPath("wine"); err != nil {
		return fmt.Errorf("wine not found: install Wine 8 or later (Debian: wine, wine64, and wine32:i386 for 386)")
	}
	env := wineEnv(prefix)
	made, err := os.ReadFile(filepath.Join(prefix, ready))
	has32 := wine32()
	if err == nil && has32 && !slices.Contains(strings.Fields(string(made)), "wine32") {
		fmt.Fprintf(os.Stderr, "raswine: %s was made without 32-bit Wine: making it again\n", prefix)
		stopServer(env)
		err = os.ErrNotExist
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "raswine: creating the Wine prefix %s (once; takes a little while)\n", prefix)
		if err := os.RemoveAll(prefix); err != nil {
			return err
		}
		if err := quiet(env, "wineboot", "-i"); err != nil {
			return fmt.Errorf("wineboot -i: %v", err)
		}
		if err := quiet(env, "wineserver", "-w"); err != nil {
			return err
		}
		version, err := exec.Command("wine", "--version").Output()
		if err != nil {
			return fmt.Errorf("wine --version: %v", err)
		}
		if has32 {
			version = append(version, "wine32\n"...)
		}
		return os.WriteFile(filepath.Join(prefix, ready), version, 0o644)
	}
	// Wine updates a prefix made by another version at its first start, rewriting system32:
	// start it now, before the DLLs are installed, so that it does not undo them later.
	return startServer(filepath.Dir(prefix), env)
}

// wineEnv is the environment of every Wine process raswine starts: the prefix, and Wine's own
// output only when WINEDEBUG asks for it.
func wineEnv(prefix string) []string {
	env := setEnv(os.Environ(), "WINEPREFIX", prefix)
	if os.Getenv("WINEDEBUG") == "" {
		env = setEnv(env, "WINEDEBUG", "-all")
	}
	// No Mono or Gecko installers: nothing here needs .NET or a browser.
	return setEnv(env, "WINEDLLOVERRIDES", "mscoree,mshtml=")
}

// setEnv gives key one value in env: a variable twice in a process's environment is read
// differently by different readers (Wine takes the first, Go's os/exec the last).
func setEnv(env []string, key, value string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return append(out, key+"="+value)
}

// quiet runs a Wine tool detached from raswine's standard streams: Wine's helper processes
// inherit them, and whoever reads them (go test) would wait until those exit.
func quiet(env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	return cmd.Run()
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	tmp := to + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, to)
}
