// Rasctl lists, inspects, dials, hangs up and watches the dial-up and VPN connections of the
// Windows Remote Access Service, for people (aligned columns) and for scripts (--json).
//
// Usage:
//
//	rasctl list [--json]
//	rasctl status TARGET [--json]
//	rasctl stats TARGET [--json]
//	rasctl links TARGET [--json]
//	rasctl hangup TARGET [--link N] [--timeout DURATION] [--json]
//	rasctl watch [--json]
//	rasctl entries [--phonebook PATH] [--json]
//	rasctl dial ENTRY [--phonebook PATH] [--user NAME] [--domain NAME] [--password-stdin] [--timeout DURATION] [--json]
//
// TARGET is a phone-book entry's name, the phone number of a connection made without an entry
// (also as Windows lists it, ".5550123"), or a handle as rasctl prints it, "0x1a2b". A name that
// matches several connections is an error that lists their handles. Names match case-insensitively,
// as Windows compares entry names.
//
// The exit status is 0 on success, 1 on a failure and 2 on a usage error. With --json, a failure
// also prints {"error": {"call": …, "code": N, "message": …}} on stdout. Every sub-command takes
// --help. Windows ships rasdial, which lists, dials and hangs up; rasctl adds status, a dial that
// shows its progress and cleans up after a failure, a hang-up that waits until the connection is
// gone, a watch, and JSON.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/winras/ras/internal/procexit"
)

// The exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	// Ctrl-C and Ctrl-Break arrive as os.Interrupt; closing the console window, logging off and
	// shutting down as SIGTERM. The first one cancels ctx: watch stops, a dial or a hang-up is
	// ended and waited for. The signals stay caught until the process ends, so that a second
	// Ctrl-C cannot end it in the middle of that (timeout and CI runners send SIGINT twice, to
	// the process and to its group): every wait rasctl makes is bounded, so it ends soon anyway.
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	procexit.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one sub-command.
type command struct {
	name string
	args string // the synopsis after the name, as "TARGET [--json]"
	help string // what it does and its flags, for --help
	// run defines the command's flags on fs, parses args with parse and does the work. An
	// error from parse ends it with the usage or help text; any other error, with status 1.
	run func(ctx context.Context, c *cli, fs *flag.FlagSet, args []string) error
}

// commands are the sub-commands in the order the usage lists them; each lives in its own file.
var commands = []*command{listCommand, statusCommand, statsCommand, linksCommand, hangupCommand, watchCommand, entriesCommand,
	dialCommand}

const usageText = `rasctl lists, inspects, dials, hangs up and watches Windows RAS (dial-up and VPN) connections.

Usage:
  rasctl list [--json]                                 the active connections
  rasctl status TARGET [--json]                        one connection's state, error, endpoints and addresses
  rasctl stats TARGET [--json]                         one connection's traffic, errors, speed and duration
  rasctl links TARGET [--json]                         one connection's links (sub-entries), and their handles
  rasctl hangup TARGET [--link N] [--timeout DURATION] [--json]
                                                       hang up (or one link), and wait until it is gone
  rasctl watch [--json]                                print connections as they come and go, until Ctrl-C
  rasctl entries [--phonebook PATH] [--json]           the phone-book entries that can be dialled
  rasctl dial ENTRY [--phonebook PATH] [--user NAME] [--domain NAME] [--password-stdin]
               [--timeout DURATION] [--json]           dial an entry, showing each state it passes

TARGET is an entry name, the phone number of a connection made without an entry, or a handle
("0x1a2b"). Exit status: 0 success, 1 failure, 2 usage error. "rasctl COMMAND --help" says more.
`

// cli is where a command reads and writes.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// usageError is a command line that rasctl cannot run: it exits with status 2.
type usageError string

func (e usageError) Error() string { return string(e) }

// run runs the command line args (without the program name) and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	case "help":
		if len(args) == 1 {
			fmt.Fprint(stdout, usageText)
			return exitOK
		}
		// "rasctl help status" is "rasctl status --help".
		name, args = args[1], []string{name, "--help"}
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "rasctl: unknown command %q\n\n%s", name, usageText)
		return exitUsage
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints the errors and the help itself
	out := &watchedWriter{w: stdout}
	err := cmd.run(ctx, &cli{stdin: stdin, stdout: out, stderr: stderr}, fs, args[1:])
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "Usage: rasctl %s %s\n\n%s", cmd.name, cmd.args, cmd.help)
		return exitOK
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "rasctl %s: %v\nUsage: rasctl %s %s\n", cmd.name, err, cmd.name, cmd.args)
		return exitUsage
	}
	fmt.Fprintf(stderr, "rasctl %s: %v\n", cmd.name, err)
	// A script that asked for JSON gets JSON, unless the command's own answer went out (a
	// hang-up that timed out says so in its answer).
	if f := fs.Lookup("json"); f != nil && f.Value.String() == "true" && !out.wrote {
		writeJSON(stdout, newFailureJSON("rasctl "+cmd.name, err))
	}
	return exitFailure
}

// watchedWriter records whether anything was written through it.
type watchedWriter struct {
	w     io.Writer
	wrote bool
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	w.wrote = true
	return w.w.Write(p)
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// parse parses args with flags anywhere among the operands, as people write them ("status VPN
// --json" as well as "status --json VPN"); after "--" everything is an operand, for an entry
// named "-x". It returns the operands, which must be exactly the names in want. Help returns
// flag.ErrHelp; anything else wrong, a usageError.
func parse(fs *flag.FlagSet, args []string, want ...string) ([]string, error) {
	var operands []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError(err.Error())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			operands = append(operands, rest...)
			break
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
	switch {
	case len(operands) < len(want):
		return nil, usageError("missing " + strings.Join(want[len(operands):], " "))
	case len(operands) > len(want):
		return nil, usageError(fmt.Sprintf("unexpected argument %q", operands[len(want)]))
	}
	return operands, nil
}
