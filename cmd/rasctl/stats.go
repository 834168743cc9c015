package main

import (
	"context"
	"flag"

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
	conn, err := parseAndResolve(fs, args)
	if err != nil {
		return err
	}
	st, err := ras.Statistics(conn.Handle)
	if err != nil {
		return connFailure(conn, err)
	}
	if *asJSON {
		return writeJSON(c.stdout, newStatsJSON(conn, st))
	}
	return writeStats(c.stdout, conn, st)
}
