package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/winras/ras"
)

// defaultDialTimeout bounds a dial: Windows gives up on its own, but not always soon.
const defaultDialTimeout = 2 * time.Minute

var dialCommand = &command{
	name: "dial",
	args: "ENTRY [--phonebook PATH] [--user NAME] [--domain NAME] [--password-stdin] [--timeout DURATION] [--json]",
	help: `Dials a phone-book entry and prints each state the dial passes as it is reached, then the
connection's handle once it is connected. Without --user and --password-stdin, it uses the
credentials Windows saved for the entry. A dial that fails, times out or is interrupted (Ctrl-C)
is hung up, and rasctl waits until it is gone before it exits with status 1; a second Ctrl-C
does not cut that wait short, which is bounded.

Flags:
  --phonebook PATH    the entry's phone-book (.pbk) file, as "rasctl entries" shows it; by
                      default Windows' default phone book
  --user NAME         the user name to authenticate with
  --domain NAME       the domain to authenticate in
  --password-stdin    read the password from the first line of standard input (never give a
                      password on the command line, where other programs can read it)
  --timeout DURATION  how long the dial may take, as "90s" or "2m" (default 2m)
  --json              print one JSON object per line: {"time": …, "state": …, "state_code": …}
                      for each state, then {"connection": …, "connected": …, "error": …,
                      "elapsed_ms": …}
`,
	run: runDial,
}

// dialStateJSON is a line of dial --json for a state the dial reached.
type dialStateJSON struct {
	Time      string `json:"time"`
	State     string `json:"state"`
	StateCode uint32 `json:"state_code"`
}

// dialJSON is the last line of dial --json. Connection is null when the dial did not connect.
type dialJSON struct {
	Connection *connJSON  `json:"connection"`
	Connected  bool       `json:"connected"`
	Error      *errorJSON `json:"error"`
	ElapsedMS  int64      `json:"elapsed_ms"`
}

func runDial(ctx context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	phonebook := fs.String("phonebook", "", "")
	user := fs.String("user", "", "")
	domain := fs.String("domain", "", "")
	passwordStdin := fs.Bool("password-stdin", false, "")
	timeoutFlag := durationFlag(defaultDialTimeout)
	fs.Var(&timeoutFlag, "timeout", "")
	operands, err := parse(fs, args, "ENTRY")
	if err != nil {
		return err
	}
	timeout := time.Duration(timeoutFlag)
	if timeout <= 0 {
		return usageError(fmt.Sprintf("--timeout %v: must be more than 0", timeout))
	}
	if operands[0] == "" {
		return usageError("ENTRY is empty")
	}
	p := ras.DialParams{Entry: operands[0], Phonebook: *phonebook, User: *user, Domain: *domain}
	if *passwordStdin {
		if p.Password, err = readPassword(c); err != nil {
			return err
		}
	}

	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	var werr error // the first write that failed: the dial goes on, and is reported
	progress := func(e ras.DialEvent) {
		if werr == nil {
			werr = writeDialState(c, *asJSON, e)
		}
	}
	h, err := ras.Dial(ctx, p, progress)
	elapsed := time.Since(start)
	if werr != nil {
		if err == nil {
			err = ras.HangUp(context.Background(), h)
		}
		return errors.Join(werr, err)
	}
	if !*asJSON {
		if err != nil {
			return err
		}
		_, werr := fmt.Fprintf(c.stdout, "connected %s %s in %dms\n", h, p.Entry, elapsed.Milliseconds())
		return werr
	}
	answer := dialJSON{Connected: err == nil, ElapsedMS: elapsed.Milliseconds()}
	if err != nil {
		answer.Error = newErrorJSON(err)
		answer.Error.Message = err.Error()
	} else {
		conn := newConnJSON(connectionOf(h, p.Entry))
		answer.Connection = &conn
	}
	if werr := writeJSONLine(c.stdout, answer); werr != nil {
		return errors.Join(werr, err)
	}
	return err
}

// readPassword reads the first line of standard input, without its line ending.
func readPassword(c *cli) (string, error) {
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", usageError("--password-stdin: no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func writeDialState(c *cli, asJSON bool, e ras.DialEvent) error {
	if asJSON {
		return writeJSONLine(c.stdout, dialStateJSON{Time: e.Time.Format(eventTime), State: e.State.String(), StateCode: uint32(e.State)})
	}
	_, err := fmt.Fprintln(c.stdout, e.State)
	return err
}

// connectionOf is connection h as RAS lists it, or, when the listing fails or no longer has it,
// what the dial knows of it.
func connectionOf(h ras.Handle, entry string) ras.Conn {
	conns, err := ras.Connections()
	if err == nil {
		for _, conn := range conns {
			if conn.Handle == h {
				return conn
			}
		}
	}
	return ras.Conn{Handle: h, Entry: entry}
}
