package main

import (
	"errors"
	"flag"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/winras/ras"
)

// target is the connection a command line names: by handle, by name, or by phone number.
type target struct {
	text string
	// handle is text read as a handle, when it is one: "0x" or "0X" and hexadecimal digits whose
	// value fits a uintptr.
	handle   ras.Handle
	isHandle bool
	// number is set when text is a phone number as Windows lists it, "." and the number: entry
	// names cannot start with ".", so only a connection made without an entry can match.
	number   string
	isNumber bool
}

// parseTarget reads a TARGET operand. Only the empty string is refused: any other text can be
// an entry's name, even one that looks like a handle.
func parseTarget(text string) (target, error) {
	if text == "" {
		return target{}, usageError("TARGET is empty")
	}
	t := target{text: text}
	if len(text) > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') {
		if h, err := strconv.ParseUint(text[2:], 16, bits.UintSize); err == nil {
			t.handle, t.isHandle = ras.Handle(h), true
		}
	}
	t.number, t.isNumber = strings.CutPrefix(text, ".")
	return t, nil
}

// match returns the connections t names. A handle that is listed wins: a handle names one
// connection, and only an entry named like a handle could also match. Names compare
// case-insensitively, as Windows compares entry names.
func (t target) match(conns []ras.Conn) []ras.Conn {
	if t.isHandle {
		for _, c := range conns {
			if c.Handle == t.handle {
				return []ras.Conn{c}
			}
		}
	}
	var found []ras.Conn
	for _, c := range conns {
		switch {
		case c.Entry != "":
			if strings.EqualFold(c.Entry, t.text) {
				found = append(found, c)
			}
		case strings.EqualFold(c.PhoneNumber, t.text), t.isNumber && strings.EqualFold(c.PhoneNumber, t.number):
			found = append(found, c)
		}
	}
	return found
}

// pick returns the one connection t names in conns. A handle that is not listed is returned as
// a Conn with only its Handle: RAS lists a connection only once it has connected, yet the status
// and hang-up calls take the handle of one still dialling (or say that it is gone).
func (t target) pick(conns []ras.Conn) (ras.Conn, error) {
	found := t.match(conns)
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		handles := make([]string, len(found))
		for i, c := range found {
			handles[i] = c.Handle.String()
		}
		return ras.Conn{}, fmt.Errorf("%q matches %d connections (%s): give the handle of one",
			t.text, len(found), strings.Join(handles, ", "))
	case t.isHandle:
		return ras.Conn{Handle: t.handle}, nil
	}
	return ras.Conn{}, fmt.Errorf("no active connection is named %q (\"rasctl list\" shows them)", t.text)
}

// resolve parses the TARGET operand and finds its connection among the active ones.
func resolve(text string) (ras.Conn, error) {
	t, err := parseTarget(text)
	if err != nil {
		return ras.Conn{}, err
	}
	conns, err := ras.Connections()
	if err != nil {
		// A handle needs no listing, which only finds its name: status and hang-up still work
		// while the listing fails.
		if t.isHandle {
			return ras.Conn{Handle: t.handle}, nil
		}
		return ras.Conn{}, err
	}
	return t.pick(conns)
}

// describe names a connection in messages: its handle, and its name when it is listed.
func describe(c ras.Conn) string {
	if name := c.Name(); name != "" {
		return fmt.Sprintf("%s (%s)", c.Handle, name)
	}
	return c.Handle.String()
}

// connFailure is err, the failure of a RAS call about conn, as a command reports it: saying so
// when the call found conn gone.
func connFailure(conn ras.Conn, err error) error {
	if errors.Is(err, ras.ErrConnectionGone) {
		return fmt.Errorf("%s: no such connection (any more): %w", describe(conn), err)
	}
	return fmt.Errorf("%s: %w", describe(conn), err)
}

// parseAndResolve parses a command line whose one operand is TARGET, and resolves it.
func parseAndResolve(fs *flag.FlagSet, args []string) (ras.Conn, error) {
	operands, err := parse(fs, args, "TARGET")
	if err != nil {
		return ras.Conn{}, err
	}
	return resolve(operands[0])
}
