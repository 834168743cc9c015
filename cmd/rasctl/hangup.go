package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/winras/ras"
)

var hangupCommand = &command{
	name: "hangup",
	args: "TARGET [--timeout DURATION] [--json]",
	help: `Hangs up a connection and waits, as Microsoft documents, until RAS no longer reports it:
when rasctl returns, the connection is gone. A wait that reaches the timeout (or Ctrl-C) is a
failure (exit status 1): the connection may still be going, or never report its end, as the
handle of one link of a multilink connection does.

TARGET is an entry name, the phone number of a connection made without an entry, or a handle
("0x1a2b"); the handle of a connection still dialling cancels the dial.

Flags:
  --timeout DURATION   how long to wait for the end, as "500ms" or "10s" (default 3s)
  --json               print a JSON object, {"connection": …, "terminated": …, "waited_ms": …},
                       also when the wait times out
`,
	run: runHangup,
}

func runHangup(ctx context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	timeoutFlag := durationFlag(ras.DefaultHangUpTimeout)
	fs.Var(&timeoutFlag, "timeout", "")
	operands, err := parse(fs, args, "TARGET")
	if err != nil {
		return err
	}
	timeout := time.Duration(timeoutFlag)
	if timeout <= 0 {
		return usageError(fmt.Sprintf("--timeout %v: must be more than 0", timeout))
	}
	conn, err := resolve(operands[0])
	if err != nil {
		return err
	}
	// Started before the timeout's clock, so that a wait that ran out reports at least the
	// timeout, on the same clock.
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err = ras.HangUp(ctx, conn.Handle)
	waited := time.Since(start)
	timedOut := errors.Is(err, ras.ErrHangUpTimeout)
	if err != nil && !timedOut {
		return fmt.Errorf("%s: %w", describe(conn), err)
	}
	if *asJSON {
		answer := hangupJSON{Connection: newConnJSON(conn), Terminated: err == nil, WaitedMS: waited.Milliseconds()}
		if werr := writeJSON(c.stdout, answer); werr != nil {
			return werr
		}
	} else if err == nil {
		if _, werr := fmt.Fprintf(c.stdout, "hung up %s in %v\n", describe(conn), waited.Round(time.Millisecond)); werr != nil {
			return werr
		}
	}
	if timedOut {
		return fmt.Errorf("%s: %w", describe(conn), err)
	}
	return nil
}
