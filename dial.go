package ras

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf16"
)

// DialParams says what Dial dials, and as whom.
type DialParams struct {
	Entry string // the phone-book entry's name (at most 256 characters)
	// Phonebook is the path of the entry's phone-book file, as Entries reports it (Entry.Phonebook):
	// names repeat across phone books. "" is the default phone book.
	Phonebook string
	// The credentials (at most 256, 256 and 15 characters). With User and Password both empty,
	// the dial uses those Windows saved for the entry (RasGetEntryDialParamsW), and Domain, when
	// it is set, replaces the saved one.
	User     string
	Password string `json:"-"`
	Domain   string
}

// String describes the parameters without the password, which it only says is set.
func (p DialParams) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "entry %q", p.Entry)
	if p.Phonebook != "" {
		fmt.Fprintf(&b, " of %q", p.Phonebook)
	}
	switch {
	case p.User == "" && p.Password == "":
		b.WriteString(", saved credentials")
	case p.Password == "":
		fmt.Fprintf(&b, ", user %q, no password", p.User)
	default:
		fmt.Fprintf(&b, ", user %q, password set", p.User)
	}
	if p.Domain != "" {
		fmt.Fprintf(&b, ", domain %q", p.Domain)
	}
	return b.String()
}

// Format makes every fmt verb (%v, %+v, %#v, %s, %q) print String: never the password.
func (p DialParams) Format(f fmt.State, verb rune) { fmt.Fprint(f, p.String()) }

// LogValue makes log/slog record String: never the password.
func (p DialParams) LogValue() slog.Value { return slog.StringValue(p.String()) }

// DialEvent is one state a dial reached.
type DialEvent struct {
	State State
	// SubEntry is the link of a multilink entry the state is about, from 1; 0 for the whole
	// connection.
	SubEntry uint32
	// Time is when RAS reported the state, as the notifier took it.
	Time time.Time
}

// DialError is a dial that Windows failed after it started: the state it failed in (as 691, bad
// credentials, at Authenticate) and Windows' error, which errors.Is matches through Unwrap
// (errors.Is(err, windows.Errno(691))). Dial hung the connection up before returning it.
type DialError struct {
	Entry string
	State State
	Err   *Error // Call is "RasDialW"
	// ExtendedCode is RAS's extended error (an EAP or IPsec code, say), 0 when there is none.
	ExtendedCode uint32
}

// Error returns "ras: dial of ENTRY failed at STATE: ERROR".
func (e *DialError) Error() string {
	s := fmt.Sprintf("ras: dial of %q failed at %v: %v", e.Entry, e.State, e.Err)
	if e.ExtendedCode != 0 {
		s += fmt.Sprintf(" (extended error %d)", e.ExtendedCode)
	}
	return s
}

// Unwrap returns Windows' error.
func (e *DialError) Unwrap() error { return e.Err }

// DialRecheck is how often a dial asks RasGetConnectStatusW for its state besides listening to
// notifications: Windows sends none when the entry is already connected, and a notification that
// is lost must not leave a dial waiting for ever.
const DialRecheck = time.Second

// Dial dials a phone-book entry and returns the connection's handle once it is connected. It
// wraps RasDialW, asynchronously, as Microsoft documents it:
// https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasdialw
//
// progress, if not nil, gets every state the dial passes, in order, repeats included (an IKEv2
// dial reports some twice), Connected last. It is called on Dial's goroutine, never on the
// thread on which Windows notifies: it may take its time without holding RAS up, though Dial
// waits for it. It is never called once Dial has returned.
//
// A dial that fails (691: bad credentials; 623: no such entry) is hung up, as Microsoft requires,
// before Dial returns its error: a *DialError once it started, or an *Error from RasDialW (or
// RasGetEntryDialParamsW) when it could not start. errors.Is(err, windows.Errno(691)) works on
// both. When ctx ends first, the dial is hung up and waited for as HangUp does (without a deadline
// of ctx's: DefaultHangUpTimeout), and the error matches ctx.Err(); a context that has already
// ended dials nothing. Dialling an entry that is already connected returns that connection's
// handle, and holds the connection as the dial that made it does: each Dial that returns a handle
// needs its own HangUp, and the connection ends with the last (an earlier one lets go of its hold
// and, the connection staying, waits until its context ends: ErrHangUpTimeout).
//
// The password is copied into memory of the package's own, zeroed when the dial ends, and never
// appears in an error or in what DialParams prints.
func Dial(ctx context.Context, p DialParams, progress func(DialEvent)) (Handle, error) {
	return dial(ctx, p, progress)
}

// The longest strings RASDIALPARAMSW holds, in UTF-16 units (RAS_MaxEntryName, MAX_PATH - 1,
// UNLEN, PWLEN, DNLEN).
const (
	maxEntryName = 256
	maxPhonebook = 259
	maxUserName  = 256
	maxPassword  = 256
	maxDomain    = 15
)

// check says what Windows could not take, before anything is dialled. It names a field and its
// length, never the password's text.
func (p DialParams) check() error {
	if p.Entry == "" {
		return errors.New("ras: Dial: DialParams.Entry is empty: name the phone-book entry to dial")
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{
		{"Entry", p.Entry, maxEntryName}, {"Phonebook", p.Phonebook, maxPhonebook},
		{"User", p.User, maxUserName}, {"Password", p.Password, maxPassword}, {"Domain", p.Domain, maxDomain},
	} {
		if strings.IndexByte(f.value, 0) >= 0 {
			return fmt.Errorf("ras: Dial: DialParams.%s contains a NUL character", f.name)
		}
		if n := utf16Len(f.value); n > f.max {
			return fmt.Errorf("ras: Dial: DialParams.%s is %d characters long; Windows takes at most %d", f.name, n, f.max)
		}
	}
	return nil
}

// utf16Len is the length of s in UTF-16 units, as Windows counts characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1)
	}
	return n
}
