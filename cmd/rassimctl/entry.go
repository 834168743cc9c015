//go:build windows

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/winras/ras/rassim"
	"golang.org/x/sys/windows"
)

// entryFlags are the flags that describe a phone-book entry.
type entryFlags struct {
	phonebook, deviceType, deviceName, phone, entryID string
	user, password, domain, script                    string
	allUsers, saved                                   bool
	connectDelay                                      time.Duration
}

func defineEntryFlags(fs *flag.FlagSet) *entryFlags {
	f := &entryFlags{}
	fs.StringVar(&f.phonebook, "phonebook", "", "")
	fs.BoolVar(&f.allUsers, "all-users", false, "")
	fs.StringVar(&f.deviceType, "device-type", "vpn", "")
	fs.StringVar(&f.deviceName, "device-name", "", "")
	fs.StringVar(&f.phone, "phone", "", "")
	fs.StringVar(&f.entryID, "entry-id", "", "")
	fs.StringVar(&f.user, "user", "", "")
	fs.StringVar(&f.password, "password", "", "")
	fs.StringVar(&f.domain, "domain", "", "")
	fs.BoolVar(&f.saved, "saved", false, "")
	fs.StringVar(&f.script, "script", "", "")
	fs.DurationVar(&f.connectDelay, "connect-delay", 0, "")
	return f
}

// entry adds a phone-book entry, or replaces the one of the same name in the same book.
func entry(_ context.Context, args []string, _, _ io.Writer) error {
	fs := newFlags("entry")
	f := defineEntryFlags(fs)
	ops, err := parse(fs, args, "NAME")
	if err != nil {
		return err
	}
	e := rassim.Entry{
		Name: ops[0], Phonebook: f.phonebook, AllUsers: f.allUsers, DeviceType: f.deviceType, DeviceName: f.deviceName,
		PhoneNumber: f.phone, ConnectDelay: f.connectDelay, User: f.user, Password: f.password, Domain: f.domain,
		Saved: f.saved,
	}
	if (f.password != "" || f.domain != "") && f.user == "" {
		return usageError("--password and --domain go with --user (without it the entry accepts any credentials)")
	}
	if f.entryID != "" {
		if e.EntryID, err = windows.GUIDFromString(f.entryID); err != nil {
			return usageError(fmt.Sprintf("--entry-id %q: not a GUID written {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", f.entryID))
		}
	}
	if e.Script, err = parseScript(f.script); err != nil {
		return err
	}
	if f.connectDelay < 0 || f.connectDelay > rassim.MaxDelay {
		return usageError(fmt.Sprintf("--connect-delay %v: 0 to %v", f.connectDelay, rassim.MaxDelay))
	}
	return rassim.AddEntry(e)
}

// parseScript reads --script: comma-separated STATE[:DELAY[:ERROR[:EXTENDED]]]; "" is the default script.
func parseScript(s string) ([]rassim.Step, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var steps []rassim.Step
	for _, item := range strings.Split(s, ",") {
		parts := strings.Split(strings.TrimSpace(item), ":")
		if len(parts) > 4 {
			return nil, usageError(fmt.Sprintf("--script %q: STATE[:DELAY[:ERROR[:EXTENDED]]]", item))
		}
		state, err := parseState(parts[0])
		if err != nil {
			return nil, usageError(fmt.Sprintf("--script: %v", err))
		}
		st := rassim.Step{State: state}
		if len(parts) > 1 && parts[1] != "" {
			if st.Delay, err = time.ParseDuration(parts[1]); err != nil || st.Delay < 0 || st.Delay > rassim.MaxDelay {
				return nil, usageError(fmt.Sprintf("--script %q: DELAY %q: a duration (as \"300ms\") up to %v", item, parts[1], rassim.MaxDelay))
			}
		}
		for i, dst := range []*uint32{&st.Err, &st.ExtendedErr} {
			if len(parts) > 2+i && parts[2+i] != "" {
				if *dst, err = parseNumber(parts[2+i], []string{"ERROR", "EXTENDED"}[i]); err != nil {
					return nil, usageError(fmt.Sprintf("--script %q: %v", item, err))
				}
			}
		}
		steps = append(steps, st)
	}
	if len(steps) > rassim.MaxSteps {
		return nil, usageError(fmt.Sprintf("--script: %d steps; %d at most", len(steps), rassim.MaxSteps))
	}
	return steps, nil
}

// entries prints every entry, one per line, as the arguments of the entry command that makes it.
func entries(_ context.Context, args []string, stdout, _ io.Writer) error {
	if _, err := parse(newFlags("entries"), args); err != nil {
		return err
	}
	es, err := rassim.Entries()
	if err != nil {
		return err
	}
	for _, e := range es {
		if _, err := fmt.Fprintln(stdout, entryLine(e)); err != nil {
			return err
		}
	}
	return nil
}

// entryLine is e as the entry command's arguments, each quoted if it needs to be.
func entryLine(e rassim.Entry) string {
	w := []string{quote(e.Name), "--phonebook", quote(e.Phonebook)}
	if e.AllUsers {
		w = append(w, "--all-users")
	}
	w = append(w, "--device-type", quote(e.DeviceType))
	for _, f := range []struct{ flag, value string }{
		{"--device-name", e.DeviceName}, {"--phone", e.PhoneNumber}, {"--user", e.User}, {"--password", e.Password},
		{"--domain", e.Domain},
	} {
		if f.value != "" {
			w = append(w, f.flag, quote(f.value))
		}
	}
	if e.EntryID != (windows.GUID{}) {
		w = append(w, "--entry-id", e.EntryID.String())
	}
	if e.Saved {
		w = append(w, "--saved")
	}
	if len(e.Script) > 0 {
		var steps []string
		for _, st := range e.Script {
			s := st.State.String()
			if strings.HasPrefix(s, "State(") { // one no Windows has: by its number, as --script reads it
				s = "0x" + strconv.FormatUint(uint64(st.State), 16)
			}
			if st.Delay > 0 || st.Err != 0 || st.ExtendedErr != 0 {
				s += ":" + durationText(st.Delay)
			}
			if st.Err != 0 || st.ExtendedErr != 0 {
				s += ":" + strconv.FormatUint(uint64(st.Err), 10)
			}
			if st.ExtendedErr != 0 {
				s += ":" + strconv.FormatUint(uint64(st.ExtendedErr), 10)
			}
			steps = append(steps, s)
		}
		w = append(w, "--script", quote(strings.Join(steps, ",")))
	}
	if e.ConnectDelay > 0 {
		w = append(w, "--connect-delay", e.ConnectDelay.String())
	}
	return strings.Join(w, " ")
}

// durationText is d as --script reads it: "" for none.
func durationText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// quote puts s in double quotes if it is empty or holds a space, a quote or a shell's special
// character; Windows paths keep their backslashes as they are.
func quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'$&|;<>()*?`") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
