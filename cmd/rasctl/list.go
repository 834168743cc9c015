package main

import (
	"context"
	"flag"

	"github.com/winras/ras"
)

var listCommand = &command{
	name: "list",
	args: "[--json]",
	help: `Lists the active connections: those RAS has connected (one still dialling is not listed
yet). A connection made without a phone-book entry has no ENTRY and shows its NUMBER.

Flags:
  --json   print a JSON array with one object per connection
`,
	run: runList,
}

func runList(_ context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	conns, err := ras.Connections()
	if err != nil {
		return err
	}
	if *asJSON {
		list := make([]connJSON, len(conns))
		for i, conn := range conns {
			list[i] = newConnJSON(conn)
		}
		return writeJSON(c.stdout, list)
	}
	return writeConns(c.stdout, conns)
}
