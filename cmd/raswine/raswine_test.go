//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras/rassim"
)

func TestSetEnvLeavesOneValue(t *testing.T) {
	env := setEnv([]string{"A=1", "WINEDLLOVERRIDES=x", "B=2", "WINEDLLOVERRIDES=y", "WINEDLLOVERRIDESX=z"}, "WINEDLLOVERRIDES", "v")
	assert.Equal(t, []string{"A=1", "B=2", "WINEDLLOVERRIDESX=z", "WINEDLLOVERRIDES=v"}, env)
}

func TestTheVistaDefLacksOnlyTheExExport(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "a.def"), filepath.Join(dir, "b.def")
	require.NoError(t, os.WriteFile(from, []byte("EXPORTS\n\tRasGetProjectionInfoEx\n\tRasGetProjectionInfoExtra\n\tRasHangUpW\n"), 0o644))
	require.NoError(t, withoutLine(from, to, "RasGetProjectionInfoEx"))
	got, err := os.ReadFile(to)
	require.NoError(t, err)
	assert.Equal(t, "EXPORTS\n\tRasGetProjectionInfoExtra\n\tRasHangUpW\n", string(got))
}

// Every file of rassim/dll is in the embedded sources: embed leaves out names starting with . or
// _, and a source left out would build a different DLL from the module cache than here.
func TestSourcesHoldEveryFileOfTheDLL(t *testing.T) {
	want, err := os.ReadDir(filepath.Join("..", "..", "rassim", "dll"))
	require.NoError(t, err)
	got, err := fs.ReadDir(rassim.Sources, "dll")
	require.NoError(t, err)
	var wantNames, gotNames []string
	for _, e := range want {
		wantNames = append(wantNames, e.Name())
	}
	for _, e := range got {
		gotNames = append(gotNames, e.Name())
	}
	assert.Equal(t, wantNames, gotNames)
}

// peHeader is the least of a PE file that debug/pe reads: the DOS header's pointer, the
// signature and the file header with its machine.
func peHeader(machine uint16) []byte {
	b := make([]byte, 512) // and room for what it reads beyond them
	copy(b, "MZ")
	binary.LittleEndian.PutUint32(b[0x3c:], 0x40)
	copy(b[0x40:], "PE\x00\x00")
	binary.LittleEndian.PutUint16(b[0x44:], machine)
	return b
}

func TestArchOfReadsTheMachine(t *testing.T) {
	dir := t.TempDir()
	for machine, want := range map[uint16]string{0x8664: "amd64", 0x14c: "386"} {
		p := filepath.Join(dir, want+".exe")
		require.NoError(t, os.WriteFile(p, peHeader(machine), 0o644))
		a, err := archOf(p)
		require.NoError(t, err)
		assert.Equal(t, want, a.name)
	}
	arm := filepath.Join(dir, "arm64.exe")
	require.NoError(t, os.WriteFile(arm, peHeader(0xaa64), 0o644))
	_, err := archOf(arm)
	assert.ErrorContains(t, err, "machine 0xaa64: raswine runs amd64 and 386 programs")
	text := filepath.Join(dir, "text.exe")
	require.NoError(t, os.WriteFile(text, []byte("#!/bin/sh\n"), 0o644))
	_, err = archOf(text)
	assert.ErrorContains(t, err, "not a Windows program")
}

func TestExecRefusesWhatItCannotRun(t *testing.T) {
	assert.ErrorContains(t, execute([]string{"prog.exe"}), "exec needs -dir DIR and a program")
	assert.ErrorContains(t, execute([]string{"-dir", t.TempDir(), "-backend", "stubs", "prog.exe"}), `-backend "stubs": "sim", "builtin" or "none"`)
	assert.ErrorContains(t, execute([]string{"-dir", t.TempDir(), "prog.exe"}), "has no prefix: run raswine setup")
}
