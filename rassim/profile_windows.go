//go:build windows

package rassim

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	// namespaceEnv names the simulated RAS service a process shares (README.md, "One RAS
	// service per namespace").
	namespaceEnv = "RASSIM_NAMESPACE"
	// runProfileEnv marks a RunProfile child and the call it runs: "<n>:<test name>", the n-th
	// RunProfile call (from 0) of that test.
	runProfileEnv = "RASSIM_RUN_PROFILE"
)

var (
	children atomic.Uint64 // RunProfile children started, for their namespaces
	inTest   atomic.Bool   // in a child: the test it runs is running

	callsMu sync.Mutex
	calls   = map[*testing.T]int{} // RunProfile calls made so far by each running test
)

// RunProfile runs test in a new process, against a simulated RAS service of its own reset to
// profile p, and reports its result as t's.
//
// A program learns once, per process, which RAS structure versions Windows takes, and ras
// remembers what it negotiated; so a test of how code behaves on another Windows must start
// afresh in a process of its own, as a program on that Windows would. The process is the test
// binary again, running t's test alone (-test.run matching t.Name() exactly, -test.v), with
// RASSIM_NAMESPACE set to this process's namespace (default "default") and a suffix of its own;
// there RunProfile calls Reset(p), then test. Back in this process, RunProfile fails t with the
// child's output if the child failed, skips t if the child skipped it, and otherwise logs the
// output.
//
// The child runs t's test function from its start: what the function does outside test runs in
// both processes, and the part after RunProfile runs in the child after test. Put the test's
// work in test. In the child, the function's other RunProfile calls return at once, so that one
// test can run several profiles one after another, each in a child of its own. RunProfile does
// not nest: a call inside test fails it.
func RunProfile(t *testing.T, p Profile, test func(t *testing.T)) {
	t.Helper()
	call := strconv.Itoa(nextCall(t)) + ":" + t.Name()
	mark, child := os.LookupEnv(runProfileEnv)
	switch {
	case !child:
		runProfileChild(t, p, call)
	case inTest.Load():
		t.Fatalf("rassim.RunProfile: %s calls RunProfile inside the test of another (%s): RunProfile does not nest", t.Name(), mark)
	case mark == call:
		if err := Reset(p); err != nil {
			t.Fatalf("rassim.RunProfile: %v", err)
		}
		inTest.Store(true)
		defer inTest.Store(false)
		test(t)
	}
	// Otherwise this child runs another call of the test function's, or of its subtests'.
}

// nextCall counts t's RunProfile calls, from 0.
func nextCall(t *testing.T) int {
	callsMu.Lock()
	defer callsMu.Unlock()
	n, ok := calls[t]
	if !ok {
		t.Cleanup(func() {
			callsMu.Lock()
			defer callsMu.Unlock()
			delete(calls, t)
		})
	}
	calls[t] = n + 1
	return n
}

// runProfileChild runs the test binary again for t alone, as the RunProfile call named call.
func runProfileChild(t *testing.T, p Profile, call string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("rassim.RunProfile: %v", err)
	}
	ns := namespace() + "-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(children.Add(1), 10)
	args := []string{"-test.run=" + runPattern(t.Name()), "-test.v"}
	if testing.Short() {
		args = append(args, "-test.short")
	}
	if d, ok := t.Deadline(); ok {
		args = append(args, "-test.timeout="+time.Until(d).String())
	}
	var output bytes.Buffer
	cmd, err := StartProcess(func() *exec.Cmd {
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), runProfileEnv+"="+call, namespaceEnv+"="+ns)
		cmd.Stdout, cmd.Stderr = &output, &output
		return cmd
	})
	if err == nil {
		err = cmd.Wait()
	}
	out := output.Bytes()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		t.Fatalf("rassim.RunProfile: the child (profile %v, namespace %s) failed: %v\n%s", p, ns, err, out)
	case err != nil:
		t.Fatalf("rassim.RunProfile: %v", err)
	case result(out, t.Name(), "SKIP"):
		t.Skipf("rassim.RunProfile: the child (profile %v, namespace %s) skipped:\n%s", p, ns, out)
	case !result(out, t.Name(), "PASS"):
		t.Fatalf("rassim.RunProfile: the child (profile %v, namespace %s) did not run %s:\n%s", p, ns, t.Name(), out)
	}
	t.Logf("the child (profile %v, namespace %s):\n%s", p, ns, out)
}

// namespace is this process's RASSIM_NAMESPACE, as the DLL reads it.
func namespace() string {
	if ns := os.Getenv(namespaceEnv); ns != "" {
		return ns
	}
	return "default"
}

// runPattern is the -test.run pattern that matches the test called name and no other: each
// level of it, quoted and anchored.
func runPattern(name string) string {
	levels := strings.Split(name, "/")
	for i, l := range levels {
		levels[i] = "^" + regexp.QuoteMeta(l) + "$"
	}
	return strings.Join(levels, "/")
}

// result reports whether -test.v output says that the test called name ended with verdict
// (PASS, FAIL, SKIP): its own line, indented as deep as the test, not a line of a log.
func result(out []byte, name, verdict string) bool {
	indent := strings.Repeat("    ", strings.Count(name, "/"))
	re := regexp.MustCompile(`(?m)^` + indent + `--- ` + verdict + `: ` + regexp.QuoteMeta(name) + ` \(`)
	return re.Match(out)
}
