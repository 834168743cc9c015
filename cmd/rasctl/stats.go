package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/winras/ras"
)

var statsCommand = &command{
	name: "stats",
	args: "TARGET [--json]",
	help: `Shows a connection's statistics: bytes and frames sent and received, the error counters,
the compression ratios, the link speed and how long it has been connected. Windows counts in
32 bits: the byte counts wrap at 4 GiB, the duration at 49.7 days.

TARGET is an entry name, the phone number of a connection made without an entry, or a handle
("0x1a2b").

Flags:
  --json   print a JSON object
`,
	run: runStats,
}

func runStats(_ context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	operands, err := parse(fs, args, "TARGET")
	if err != nil {
		return err
	}
	conn, err := resolve(operands[0])
	if err != nil {
		return err
	}
	st, err := ras.Statistics(conn.Handle)
	if errors.Is(err, ras.ErrConnectionGone) {
		return fmt.Errorf("%s: no such connection (any more): %w", describe(conn), err)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", describe(conn), err)
	}
	if *asJSON {
		return writeJSON(c.stdout, newStatsJSON(conn, st))
	}
	return writeStats(c.stdout, conn, st)
}
