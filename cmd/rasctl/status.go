package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/winras/ras"
)

var statusCommand = &command{
	name: "status",
	args: "TARGET [--json]",
	help: `Shows a connection's state, its own error (why it failed or dropped), its device, and
where Windows reports them (Windows 7 and later) its tunnel endpoints and sub-state, and what it
negotiated: its protocol, tunnel, addresses, authentication and encryption (tls over SSTP, ipsec
over L2TP, MPPE's key length or none over PPTP and dial-up, IKEv2's cipher, unknown where
Windows does not tell). A handle works for a
connection still dialling, which "rasctl list" does not show yet.

TARGET is an entry name, the phone number of a connection made without an entry, or a handle
("0x1a2b").

Flags:
  --json   print a JSON object
`,
	run: runStatus,
}

func runStatus(_ context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	conn, err := parseAndResolve(fs, args)
	if err != nil {
		return err
	}
	st, err := ras.Status(conn.Handle)
	if errors.Is(err, ras.ErrConnectionGone) {
		return fmt.Errorf("%s: no such connection (any more): %w", describe(conn), err)
	}
	if err != nil {
		return err
	}
	proj := projectionOf(c, conn.Handle)
	if *asJSON {
		return writeJSON(c.stdout, newStatusJSON(conn, st, proj))
	}
	return writeStatus(c.stdout, conn, st, proj)
}

// projectionOf is what connection h negotiated, or nil when Windows gives none. Status is about
// the state first: a projection call that fails otherwise is said on stderr, and status goes on.
func projectionOf(c *cli, h ras.Handle) *ras.ProjectionInfo {
	p, err := ras.Projection(h)
	switch {
	case err == nil:
		return &p
	case errors.Is(err, ras.ErrNotProjected), errors.Is(err, ras.ErrProtocolNotConfigured),
		errors.Is(err, ras.ErrProjectionUnavailable):
	default:
		fmt.Fprintf(c.stderr, "rasctl status: no addresses: %v\n", err)
	}
	return nil
}
