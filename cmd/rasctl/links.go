package main

import (
	"context"
	"flag"

	"github.com/winras/ras"
)

var linksCommand = &command{
	name: "links",
	args: "TARGET [--json]",
	help: `Lists the links (sub-entries) of a connection, from 1: whether each is connected, and its
own handle while it is. A multilink connection has several; any other has its single link, or
none. "rasctl hangup TARGET --link N" hangs up one of them.

TARGET is an entry name, the phone number of a connection made without an entry, or a handle
("0x1a2b").

Flags:
  --json   print a JSON array, [{"link": N, "handle": "0x…" or null, "connected": …}, …]
`,
	run: runLinks,
}

func runLinks(_ context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	conn, err := parseAndResolve(fs, args)
	if err != nil {
		return err
	}
	links, err := ras.Links(conn.Handle)
	if err != nil {
		return connFailure(conn, err)
	}
	if *asJSON {
		answer := make([]linkJSON, len(links))
		for i, l := range links {
			answer[i] = newLinkJSON(l)
		}
		return writeJSON(c.stdout, answer)
	}
	return writeLinks(c.stdout, links)
}
