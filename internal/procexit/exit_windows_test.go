//go:build cgo

package procexit_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras/internal/procexit"
	"github.com/winras/ras/rassim"
)

// childEnv makes the test binary a child that exits while threads are starting.
const childEnv = "PROCEXIT_TEST_CHILD"

// childCode is the status the child exits with.
const childCode = 7

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		exitWhileThreadsStart()
	}
	rassim.Exit(m.Run())
}

// exitWhileThreadsStart calls Exit while Go's runtime is starting threads: each goroutine below
// blocks its thread in a system call that never returns, so the runtime starts another thread for
// the goroutines still runnable, again and again, as a dial's goroutines in a long RAS call do.
func exitWhileThreadsStart() {
	never, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		panic(err)
	}
	for i := 0; i < 200; i++ {
		go windows.WaitForSingleObject(never, windows.INFINITE)
	}
	runtime.Gosched()
	procexit.Exit(childCode)
}

// TestExitEndsWithItsCodeWhileThreadsStart pins that parking ends, with the program's code, when
// threads wait in system calls and Go is starting more. The crash parking prevents (a starting
// thread killed by Wine's SIGQUIT on 386) is too rare to show in a few runs: wine/repeat.sh, run
// by make test, ends rasctl thousands of times and sees it without parking.
func TestExitEndsWithItsCodeWhileThreadsStart(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	for run := 0; run < 5; run++ {
		cmd, err := rassim.StartProcess(func() *exec.Cmd {
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"=1")
			return cmd
		})
		require.NoError(t, err)
		err = cmd.Wait()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit), "run %d: the child ended with %v, want status %d", run, err, childCode)
		require.Equal(t, childCode, exit.ExitCode(), fmt.Sprintf("run %d: status", run))
	}
}
