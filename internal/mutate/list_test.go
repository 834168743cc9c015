package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseListReadsEachField(t *testing.T) {
	ms, err := ParseList(`
# a comment, then a blank line

off-by-one  shim.c  .:^TestA|^TestB,./cmd/rasctl:^TestC  "n < max" "n <= max"
gone        a/b.go  .:TestD  "\tif x {\n\t\treturn \"y\"\n\t}\n" ""  accepted:  no test can reach it
`)
	require.NoError(t, err)
	assert.Equal(t, []Mutation{
		{Name: "off-by-one", File: "shim.c", Tests: []Selection{{".", "^TestA|^TestB"}, {"./cmd/rasctl", "^TestC"}},
			Original: "n < max", Replacement: "n <= max", Line: 4},
		{Name: "gone", File: "a/b.go", Tests: []Selection{{".", "TestD"}},
			Original: "\tif x {\n\t\treturn \"y\"\n\t}\n", Replacement: "", Accepted: "no test can reach it", Line: 5},
	}, ms)
}

func TestParseListReportsEveryBadLineByNumber(t *testing.T) {
	_, err := ParseList(`ok shim.c .:TestA "a" "b"
short shim.c .:TestA "a"
unquoted shim.c .:TestA a b
same shim.c .:TestA "a" "a"
ok shim.c .:TestA "c" "d"
tests shim.c TestA "a" "b"
regexp shim.c .:Test( "a" "b"
twice shim.c .:TestA,.:TestB "a" "b"
outside ../x.c .:TestA "a" "b"
reasonless shim.c .:TestA "a" "b" accepted:
trailing shim.c .:TestA "a" "b" because`)
	require.Error(t, err)
	for _, want := range []string{
		"line 2: short: REPLACEMENT", "line 3: unquoted: ORIGINAL", "line 4: same: ", "line 5: ok is the name of line 1",
		"line 6: tests: TESTS \"TestA\"", "line 7: regexp: TESTS", "line 8: twice: TESTS: . twice", "line 9: outside: FILE",
		"line 10: reasonless: ", "line 11: trailing: ",
	} {
		assert.ErrorContains(t, err, want)
	}
	assert.NotContains(t, err.Error(), "line 1:")
}

func TestApplyNeedsTheOriginalExactlyOnce(t *testing.T) {
	m := Mutation{Name: "m", File: "f.c", Original: "a < b", Replacement: "a <= b", Line: 3}
	got, err := m.Apply("if (a < b) x();")
	require.NoError(t, err)
	assert.Equal(t, "if (a <= b) x();", got)
	_, err = m.Apply("if (a > b) x();")
	assert.ErrorContains(t, err, "line 3: m: its original text is not in f.c")
	_, err = m.Apply("a < b; a < b;")
	assert.ErrorContains(t, err, "is in f.c 2 times")
}

// The repository's own list: every line parses and applies to the tree as it is, so that a change
// to the code a line mutates fails here, in every test run, and not only in make mutate.
func TestTheRepositorysListAppliesToTheTree(t *testing.T) {
	root := filepath.Join("..", "..")
	text, err := os.ReadFile(filepath.Join(root, "mutations.txt"))
	require.NoError(t, err)
	ms, err := ParseList(string(text))
	require.NoError(t, err)
	require.NoError(t, Check(root, ms))
	assert.GreaterOrEqual(t, len(ms), 22)
}

func TestCopyTreeLeavesOutGitAndBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		// Wine 8 cannot remove the ".git" file it made ("Invalid function"); mutate runs where
		// mingw-w64 does, not on Windows.
		t.Skip("mutate copies trees on the machine that cross-compiles")
	}
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	for _, f := range []string{"a.go", "sub/b.c", "build/prefix/x", "sub/build/kept", ".git"} {
		require.NoError(t, os.MkdirAll(filepath.Join(src, filepath.Dir(f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(src, f), []byte(f), 0o644))
	}
	require.NoError(t, copyTree(src, dst))
	for _, f := range []string{"a.go", "sub/b.c", "sub/build/kept"} {
		b, err := os.ReadFile(filepath.Join(dst, f))
		require.NoError(t, err, f)
		assert.Equal(t, f, string(b))
	}
	for _, f := range []string{"build", ".git"} {
		assert.NoFileExists(t, filepath.Join(dst, f))
		assert.NoDirExists(t, filepath.Join(dst, f))
	}
}

func TestCulpritNamesTheFailedTests(t *testing.T) {
	assert.Equal(t, "TestA", culprit("--- FAIL: TestA (0.01s)\n    --- FAIL: TestA/sub (0.00s)\nFAIL\n"))
	assert.Equal(t, "TestA, TestB and 1 more", culprit("--- FAIL: TestA (0s)\n--- FAIL: TestB (0s)\n--- FAIL: TestC (0s)\n"))
	assert.Equal(t, "timeout", culprit("panic: test timed out after 2m0s\n"))
	assert.Equal(t, "crash", culprit("exit status 3\nFAIL\tgithub.com/winras/ras\t0.1s\n"))
}
