//go:build windows

package rassim

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
)

// inRunProfileChild reports whether this process is a RunProfile child, for the checks a test
// makes outside RunProfile that only hold in the parent.
func inRunProfileChild() bool {
	_, ok := os.LookupEnv(runProfileEnv)
	return ok
}

func TestRunProfileRunsTestInAChildOfTheProfileWithAServiceOfItsOwn(t *testing.T) {
	requireSim(t)
	var mine ras.Handle
	if !inRunProfileChild() {
		t.Setenv("RASSIM_TEST_PARENT_NAMESPACE", namespace())
		mine = add(t, Conn{Entry: "the parent's"})
	}
	RunProfile(t, XP, func(t *testing.T) {
		assert.Equal(t, "0:"+t.Name(), os.Getenv(runProfileEnv))
		parent := os.Getenv("RASSIM_TEST_PARENT_NAMESPACE")
		require.NotEmpty(t, parent)
		assert.True(t, strings.HasPrefix(namespace(), parent+"-"), "namespace %q is the parent's %q and a suffix", namespace(), parent)
		assert.EqualValues(t, 0, probe(procEnumConnectionsW).rc, "no connection: the parent's service is not this one")
		add(t, Conn{Entry: "the child's"})
		xpNewest := connW.sizes[3]
		assert.EqualValues(t, errInvalidSize, fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0).rc, "XP refuses the 0x600 RASCONNW")
		r := fill(procEnumConnectionsW, xpNewest, xpNewest, 0)
		assert.EqualValues(t, 0, r.rc, "and takes the 0x501 one")
		assert.Equal(t, "the child's", str(r.buf, connW.entry, 257, 2))
	})
	if !inRunProfileChild() {
		assert.Equal(t, []ras.Handle{mine}, listed(t), "the child's reset and connection were in its own service")
	}
}

func TestRunProfileRunsEachCallOfATestInAChildOfItsOwn(t *testing.T) {
	requireSim(t)
	RunProfile(t, XP, func(t *testing.T) {
		assert.Equal(t, "0:"+t.Name(), os.Getenv(runProfileEnv))
		assert.EqualValues(t, errInvalidSize, fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0).rc, "XP")
	})
	RunProfile(t, Win7, func(t *testing.T) {
		assert.Equal(t, "1:"+t.Name(), os.Getenv(runProfileEnv), "the second call's child runs the second test alone")
		assert.EqualValues(t, 0, fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0).rc, "Win7")
	})
	t.Run("sub test", func(t *testing.T) {
		RunProfile(t, XP, func(t *testing.T) {
			assert.Equal(t, "0:TestRunProfileRunsEachCallOfATestInAChildOfItsOwn/sub_test", os.Getenv(runProfileEnv))
		})
	})
}

// The tests below run this binary again for one of the three that follow them, which pass when
// run as they are and fail, skip or nest in their child when told to.
const (
	failEnv = "RASSIM_TEST_CHILD_FAILS"
	skipEnv = "RASSIM_TEST_CHILD_SKIPS"
	nestEnv = "RASSIM_TEST_CHILD_NESTS"
)

func TestRunProfileChildThatFailsWhenTold(t *testing.T) {
	requireSim(t)
	RunProfile(t, XP, func(t *testing.T) {
		if os.Getenv(failEnv) != "" {
			t.Error("failing as told")
		}
	})
}

func TestRunProfileChildThatSkipsWhenTold(t *testing.T) {
	requireSim(t)
	RunProfile(t, XP, func(t *testing.T) {
		if os.Getenv(skipEnv) != "" {
			t.Skip("skipping as told")
		}
	})
}

func TestRunProfileChildThatNestsWhenTold(t *testing.T) {
	requireSim(t)
	RunProfile(t, XP, func(t *testing.T) {
		if os.Getenv(nestEnv) != "" {
			RunProfile(t, Win7, func(t *testing.T) {})
		}
	})
}

// runTest runs this binary for the test called name, in a namespace of its own, with env added.
func runTest(t *testing.T, name string, env ...string) (string, error) {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	var out strings.Builder
	cmd, err := StartProcess(func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run="+runPattern(name), "-test.v")
		cmd.Env = append(os.Environ(), append(env, namespaceEnv+"="+namespace()+"-nested")...)
		cmd.Stdout, cmd.Stderr = &out, &out
		return cmd
	})
	if err == nil {
		err = cmd.Wait()
	}
	return out.String(), err
}

func TestRunProfileFailsTheTestWithTheOutputOfAChildThatFailed(t *testing.T) {
	requireSim(t)
	out, err := runTest(t, "TestRunProfileChildThatFailsWhenTold", failEnv+"=1")
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", out)
	assert.Equal(t, 1, exit.ExitCode(), out)
	assert.Regexp(t, `(?m)^--- FAIL: TestRunProfileChildThatFailsWhenTold \(`, out, "the parent failed")
	assert.Regexp(t, `(?m)^ +--- FAIL: TestRunProfileChildThatFailsWhenTold \(`, out, "with the child's output")
	assert.Contains(t, out, "failing as told")
	assert.Contains(t, out, "the child (profile XP, namespace "+namespace()+"-nested-")
}

func TestRunProfileSkipsTheTestWhenTheChildSkipped(t *testing.T) {
	requireSim(t)
	out, err := runTest(t, "TestRunProfileChildThatSkipsWhenTold", skipEnv+"=1")
	require.NoError(t, err, out)
	assert.Regexp(t, `(?m)^--- SKIP: TestRunProfileChildThatSkipsWhenTold \(`, out, "the parent skipped")
	assert.Contains(t, out, "skipping as told")
}

func TestRunProfilePassesAndLogsTheChildsOutput(t *testing.T) {
	requireSim(t)
	out, err := runTest(t, "TestRunProfileChildThatFailsWhenTold")
	require.NoError(t, err, out)
	assert.Regexp(t, `(?m)^--- PASS: TestRunProfileChildThatFailsWhenTold \(`, out)
	assert.Regexp(t, `(?m)^ +--- PASS: TestRunProfileChildThatFailsWhenTold \(`, out, "the child's output, logged")
}

func TestRunProfileInsideRunProfileFails(t *testing.T) {
	requireSim(t)
	out, err := runTest(t, "TestRunProfileChildThatNestsWhenTold", nestEnv+"=1")
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", out)
	assert.Regexp(t, `(?m)^--- FAIL: TestRunProfileChildThatNestsWhenTold \(`, out)
	assert.Contains(t, out, "RunProfile does not nest")
}

func TestRunPatternMatchesOneTestExactly(t *testing.T) {
	assert.Equal(t, `^TestA$`, runPattern("TestA"))
	assert.Equal(t, `^TestA$/^b\.c_\(d\)$/^#01$`, runPattern("TestA/b.c_(d)/#01"))
}
