package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/winras/ras"
	"github.com/winras/ras/internal/procexit"
)

// runAsRasctl makes the test binary run rasctl's main instead of the tests, so that the tests
// can run the real program in a process of its own: exit statuses, output and signals included.
const runAsRasctl = "RASCTL_TEST_RUN_AS_RASCTL"

func TestMain(m *testing.M) {
	if os.Getenv(runAsRasctl) == "1" {
		main()
	}
	procexit.Exit(m.Run())
}

// rasctlCommand returns the command that runs rasctl with args: the test binary itself.
func rasctlCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), runAsRasctl+"=1")
	return cmd
}

// result is what a finished rasctl printed and its exit status.
type result struct {
	stdout, stderr string
	code           int
}

func rasctl(t *testing.T, args ...string) result {
	t.Helper()
	return rasctlWithInput(t, "", args...)
}

// rasctlWithInput is rasctl with input, when not empty, on its standard input.
func rasctlWithInput(t *testing.T, input string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := startRasctl(t, func() *exec.Cmd {
		cmd := rasctlCommand(t, args...)
		if input != "" {
			cmd.Stdin = strings.NewReader(input)
		}
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		return cmd
	})
	err := cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		require.NoError(t, err)
	}
	return result{stdout: stdout.String(), stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
}

func TestHelpOfEveryCommandGoesToStdoutWithStatus0(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		r := rasctl(t, args...)
		assert.Equal(t, 0, r.code, args)
		assert.Equal(t, usageText, r.stdout, args)
		assert.Empty(t, r.stderr, args)
	}
	for _, cmd := range commands {
		for _, args := range [][]string{{cmd.name, "--help"}, {cmd.name, "-h"}, {"help", cmd.name}, {cmd.name, "0x1", "--help"}} {
			r := rasctl(t, args...)
			assert.Equal(t, 0, r.code, args)
			assert.True(t, strings.HasPrefix(r.stdout, "Usage: rasctl "+cmd.name+" "+cmd.args+"\n\n"), "%v: %s", args, r.stdout)
			assert.Empty(t, r.stderr, args)
		}
	}
}

func TestHelpOfEveryCommandNamesItsFlags(t *testing.T) {
	for _, cmd := range commands {
		r := rasctl(t, cmd.name, "--help")
		for _, word := range strings.Fields(cmd.args) {
			if flag, ok := strings.CutPrefix(strings.Trim(word, "[]"), "--"); ok {
				assert.Contains(t, r.stdout, "  --"+flag+" ", cmd.name)
			}
		}
	}
}

func TestUsageErrorsExitWithStatus2(t *testing.T) {
	for _, tc := range []struct {
		args []string
		says string
	}{
		{nil, "Usage:\n  rasctl list"},
		{[]string{"lsit"}, `rasctl: unknown command "lsit"`},
		{[]string{"help", "lsit"}, `rasctl: unknown command "lsit"`},
		{[]string{"list", "extra"}, "rasctl list: unexpected argument \"extra\"\nUsage: rasctl list [--json]\n"},
		{[]string{"list", "--yaml"}, "rasctl list: flag provided but not defined: -yaml\n"},
		{[]string{"status"}, "rasctl status: missing TARGET\nUsage: rasctl status TARGET [--json]\n"},
		{[]string{"status", ""}, "rasctl status: TARGET is empty\n"},
		{[]string{"status", "a", "b"}, `rasctl status: unexpected argument "b"`},
		{[]string{"hangup", "VPN", "--timeout", "soon"}, `rasctl hangup: invalid value "soon" for flag -timeout`},
		{[]string{"hangup", "VPN", "--timeout", "0s"}, "rasctl hangup: --timeout 0s: must be more than 0\n"},
		{[]string{"hangup", "VPN", "--timeout", "5"}, `invalid value "5" for flag -timeout: a duration needs a unit: 5s, or 5ms`},
		{[]string{"hangup", "--timeout"}, "rasctl hangup: flag needs an argument: -timeout\n"},
		{[]string{"watch", "now"}, `rasctl watch: unexpected argument "now"`},
		{[]string{"dial"}, "rasctl dial: missing ENTRY\nUsage: rasctl dial ENTRY [--phonebook PATH]"},
		{[]string{"dial", ""}, "rasctl dial: ENTRY is empty\n"},
		{[]string{"dial", "VPN", "--timeout", "0s"}, "rasctl dial: --timeout 0s: must be more than 0\n"},
		{[]string{"dial", "VPN", "--timeout", "90"}, `a duration needs a unit: 90s, or 90ms`},
		{[]string{"dial", "VPN", "--password"}, "rasctl dial: flag provided but not defined: -password\n"},
		{[]string{"entries", "VPN"}, `rasctl entries: unexpected argument "VPN"`},
	} {
		r := rasctl(t, tc.args...)
		assert.Equal(t, 2, r.code, tc.args)
		assert.Contains(t, r.stderr, tc.says, tc.args)
		assert.Empty(t, r.stdout, tc.args)
	}
}

func TestFlagsGoBeforeOrAfterTheTargetAndDashDashEndsThem(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		operands []string
		json     bool
	}{
		{[]string{"--json", "VPN"}, []string{"VPN"}, true},
		{[]string{"VPN", "--json"}, []string{"VPN"}, true},
		{[]string{"VPN", "-json=false"}, []string{"VPN"}, false},
		{[]string{"--", "-VPN"}, []string{"-VPN"}, false},
		{[]string{"--json", "--", "--json"}, []string{"--json"}, true},
	} {
		fs := newTestFlagSet()
		asJSON := fs.Bool("json", false, "")
		got, err := parse(fs, tc.args, "TARGET")
		require.NoError(t, err, tc.args)
		assert.Equal(t, tc.operands, got, tc.args)
		assert.Equal(t, tc.json, *asJSON, tc.args)
	}
}

func TestRASCallsFailWithStatus1OffWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("RAS works here")
	}
	r := rasctl(t, "list")
	assert.Equal(t, 1, r.code)
	assert.Equal(t, "rasctl list: "+ras.ErrNotSupported.Error()+"\n", r.stderr)
}

func TestFailuresWithJSONPrintTheErrorAsJSONOffWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("RAS works here")
	}
	r := rasctl(t, "list", "--json")
	assert.Equal(t, 1, r.code)
	assert.JSONEq(t, `{"error": {"call": "rasctl list", "code": 0, "message": "`+ras.ErrNotSupported.Error()+`"}}`, r.stdout)
	assert.Equal(t, "rasctl list: "+ras.ErrNotSupported.Error()+"\n", r.stderr)
}

// failureOf parses what a command that failed with --json printed on stdout.
func failureOf(t *testing.T, stdout string) failureJSON {
	t.Helper()
	var f failureJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &f), "not the failure's JSON: %q", stdout)
	return f
}

func newTestFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}
