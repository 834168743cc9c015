package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/winras/ras"
)

var watchCommand = &command{
	name: "watch",
	args: "[--json]",
	help: `Prints a line each time a connection connects or ends, or a link of a multilink connection
connects or ends ("link 2 added 0x1a2b Office VPN", after the time), until Ctrl-C (or the end of
the session). Connections already active when it starts are not printed: "rasctl list" shows them.
It says on stderr when it has started, and there reports what goes wrong while it keeps
watching: where RAS cannot notify (Wine's own rasapi32), it re-checks every 5s instead.

Flags:
  --json   print one JSON object per line: {"time": …, "event": "connected" or
           "disconnected", "connection": …}, and for a link {"time": …, "event": "link_added"
           or "link_removed", "connection": …, "link": N}
`,
	run: runWatch,
}

func runWatch(ctx context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	w, err := ras.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	write := func(t time.Time, e ras.Event) error { return writeEvent(c.stdout, t, e) }
	if *asJSON {
		write = func(t time.Time, e ras.Event) error { return writeJSONLine(c.stdout, newWatchJSON(t, e)) }
	} else if err := writeWatchHeader(c.stdout); err != nil {
		return err
	}
	// Scripts (and rasctl's tests) wait for this line: a connection made after it is reported.
	fmt.Fprintln(c.stderr, "watching RAS connections; Ctrl-C stops")
	for {
		select {
		case <-ctx.Done():
			return w.Close()
		case e := <-w.Events:
			if err := write(time.Now(), e); err != nil {
				return err
			}
		case err := <-w.Errors:
			fmt.Fprintf(c.stderr, "rasctl watch: %v\n", err)
		}
	}
}
