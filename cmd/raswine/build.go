//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/winras/ras/rassim"
)

// Go 1.21.5 and later abort at start under Wine 8.0, which lacks bcryptprimitives!ProcessPrng:
// this shim gives it them.
//
//go:embed prng
var prng embed.FS

// An arch is one Windows architecture that setup builds for.
type arch struct {
	name  string // GOARCH, and DIR's subfolder
	cc    string
	flags []string
	// The prefix's folder for this architecture's system DLLs.
	system string
}

var arches = []arch{
	{name: "amd64", cc: "x86_64-w64-mingw32-gcc", system: "system32"},
	// --kill-at: 386 stdcall functions exported by their plain names, as Windows' own DLLs have them
	// (--enable-stdcall-fixup: the .def names them so; ld need not warn about each).
	{name: "386", cc: "i686-w64-mingw32-gcc", flags: []string{"-Wl,--kill-at", "-Wl,--enable-stdcall-fixup"}, system: "syswow64"},
}

var dllFlags = []string{"-O2", "-Wall", "-Wextra", "-Werror", "-shared", "-static-libgcc"}

// A dll is one DLL setup builds, from sources in the folder src writes.
type dll struct {
	out     string // under DIR/<arch>
	sources []string
	extra   []string
}

// build writes the embedded sources under dir/src and builds every DLL for every architecture
// into dir/<arch>, all at once.
func build(dir string) error {
	src := filepath.Join(dir, "src")
	if err := os.RemoveAll(src); err != nil {
		return err
	}
	if err := writeTree(rassim.Sources, "dll", filepath.Join(src, "sim")); err != nil {
		return err
	}
	if err := writeTree(prng, "prng", filepath.Join(src, "prng")); err != nil {
		return err
	}
	sim, err := filepath.Glob(filepath.Join(src, "sim", "*.c"))
	if err != nil {
		return err
	}
	def := filepath.Join(src, "sim", "rasapi32.def")
	// A Windows older than 7 lacks the export altogether, not only its behaviour.
	vistaDef := filepath.Join(src, "sim", "vista.def")
	if err := withoutLine(def, vistaDef, "RasGetProjectionInfoEx"); err != nil {
		return err
	}
	dlls := []dll{
		{out: "rasapi32.dll", sources: append(sim[:len(sim):len(sim)], def)},
		{out: filepath.Join("vista", "rasapi32.dll"), sources: append(sim[:len(sim):len(sim)], vistaDef),
			extra: []string{"-DRASSIM_NO_PROJECTION_EX"}},
		{out: "bcryptprimitives.dll", sources: []string{
			filepath.Join(src, "prng", "bcryptprimitives.c"), filepath.Join(src, "prng", "bcryptprimitives.def"),
		}, extra: []string{"-lbcrypt"}},
	}
	var wg sync.WaitGroup
	errs := make([]error, len(arches)*len(dlls))
	for i, a := range arches {
		if _, err := exec.LookPath(a.cc); err != nil {
			return fmt.Errorf("%s not found: install mingw-w64 (Debian: gcc-mingw-w64-x86-64 and gcc-mingw-w64-i686)", a.cc)
		}
		for j, d := range dlls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i*len(dlls)+j] = compile(a, filepath.Join(dir, a.name, d.out), d)
			}()
		}
	}
	wg.Wait()
	return errors.Join(errs...)
}

// compile builds into a temporary file and renames it, so that a program running meanwhile never
// loads half a DLL.
func compile(a arch, out string, d dll) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp := out + ".tmp"
	args := append(append(append([]string{}, dllFlags...), a.flags...), "-o", tmp)
	args = append(append(args, d.sources...), d.extra...)
	cmd := exec.Command(a.cc, args...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, msg)
	}
	return os.Rename(tmp, out)
}

// writeTree copies the embedded folder root of fsys into dir.
func writeTree(fsys fs.FS, root, dir string) error {
	return fs.WalkDir(fsys, root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		to := filepath.Join(dir, strings.TrimPrefix(path, root))
		if e.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
}

// withoutLine copies the file from to to without the lines that are exactly line, once trimmed.
func withoutLine(from, to, line string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var kept []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != line {
			kept = append(kept, l)
		}
	}
	return os.WriteFile(to, []byte(strings.Join(kept, "\n")), 0o644)
}
