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
	args: "TARGET [--link N] [--timeout DURATION] [--json]",
	help: `Hangs up a connection and waits, as Microsoft documents, until RAS no longer reports it:
when rasctl returns, the connection is gone. A wait that reaches the timeout (or Ctrl-C) is a
failure (exit status 1): the connection may still be going.

With --link N, hangs up link N (from 1; see "rasctl links") of a multilink connection only, and
waits until RAS reports that link not connected (or the connection gone); the connection stays
up. A link that is not connected is a failure (618), and nothing is hung up. The handle of a
link, as TARGET, is hung up and waited for the same way.

TARGET is an entry name, the phone number of a connection made without an entry, or a handle
("0x1a2b"); the handle of a connection still dialling cancels the dial.

Flags:
  --link N             hang up link N only
  --timeout DURATION   how long to wait for the end, as "500ms" or "10s" (default 3s)
  --json               print a JSON object, {"connection": …, "terminated": …, "waited_ms": …},
                       with "link": N after the connection for --link, also when the wait times out
`,
	run: runHangup,
}

func runHangup(ctx context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	timeoutFlag := durationFlag(ras.DefaultHangUpTimeout)
	fs.Var(&timeoutFlag, "timeout", "")
	linkFlag := fs.Uint("link", 0, "")
	operands, err := parse(fs, args, "TARGET")
	if err != nil {
		return err
	}
	timeout := time.Duration(timeoutFlag)
	if timeout <= 0 {
		return usageError(fmt.Sprintf("--timeout %v: must be more than 0", timeout))
	}
	var link *uint32
	if flagSet(fs, "link") {
		if *linkFlag == 0 || *linkFlag > ras.MaxLinks {
			return usageError(fmt.Sprintf("--link %d: links are numbered from 1 to %d", *linkFlag, ras.MaxLinks))
		}
		n := uint32(*linkFlag)
		link = &n
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
	what := describe(conn)
	if link != nil {
		what = fmt.Sprintf("link %d of %s", *link, what)
		err = ras.HangUpLink(ctx, conn.Handle, *link)
	} else {
		err = ras.HangUp(ctx, conn.Handle)
	}
	waited := time.Since(start)
	timedOut := errors.Is(err, ras.ErrHangUpTimeout)
	if err != nil && !timedOut {
		return fmt.Errorf("%s: %w", what, err)
	}
	if *asJSON {
		answer := hangupJSON{Connection: newConnJSON(conn), Link: link, Terminated: err == nil, WaitedMS: waited.Milliseconds()}
		if werr := writeJSON(c.stdout, answer); werr != nil {
			return werr
		}
	} else if err == nil {
		if _, werr := fmt.Fprintf(c.stdout, "hung up %s in %v\n", what, waited.Round(time.Millisecond)); werr != nil {
			return werr
		}
	}
	if timedOut {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// flagSet reports whether the command line set the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
