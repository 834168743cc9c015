//go:build windows

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
	"golang.org/x/sys/windows"
)

const usageText = `rassimctl drives the rasapi32 simulator (rassim) from scripts.

Usage:
  rassimctl reset [--xp|--win10]      forget every connection and entry; --xp: answer as Windows XP
                                      does, --win10: as Windows 8 and later (the 0x602 RASDIALPARAMS)
  rassimctl add [CONNECTION FLAGS]    add a connected connection and print its handle
  rassimctl dial [CONNECTION FLAGS]   add one still dialling (not listed yet) and print its handle
  rassimctl state HANDLE STATE        set a dialling connection's state: a name ("Authenticate")
                                      or a number
  rassimctl connect HANDLE            connect a dialling connection: it is listed from now on
  rassimctl drop HANDLE [ERROR]       drop a connection from the remote side, with the error code
                                      that status reports (default 0)
  rassimctl list                      print the listed connections' handles, one per line
  rassimctl open-handles              print how many connection handles RAS gave out and nobody
                                      has hung up yet (every process's; 0 once all are)
  rassimctl hold                      keep the simulated service until Ctrl-C: it lasts only while
                                      a process has the simulator loaded, so run this in the
                                      background before making connections for other programs
  rassimctl stats HANDLE [STATS FLAGS]
                                      set what RasGetConnectionStatistics reports for HANDLE from
                                      now on (with --sub N: RasGetLinkStatistics for link N)
  rassimctl project HANDLE --type ppp|ikev2|none [PROJECTION FLAGS]
                                      set what RasGetProjectionInfoEx and RasGetProjectionInfoW
                                      report for HANDLE from now on; none: not projected (730)
  rassimctl entry NAME [ENTRY FLAGS]  add a phone-book entry that RasEnumEntries lists and RasDial
                                      dials (or replace the one of that name in its book)
  rassimctl entries                   print every entry, one per line, as the arguments of the
                                      entry command that makes it

What Windows may do and the simulator does not unless told (reset undoes all of it):
  rassimctl reuse HANDLE              the next add or dial takes HANDLE, a handle that is gone
  rassimctl gone-code CODE            what a gone handle answers: 6 (the default) or 668
  rassimctl lie FUNC needed BYTES     every 603 answer of FUNC says it needs BYTES (FUNC:
                                      EnumConnections, EnumEntries, GetProjectionInfoEx or
                                      GetProjectionInfo)
  rassimctl lie FUNC count N          every successful answer of FUNC counts N
                                      (FUNC: EnumConnections or EnumEntries)
  rassimctl clear-faults              no more lies (nor injected faults)
  rassimctl notify-delay DURATION     signal notifications DURATION ("200ms", at most 10s) late,
                                      from a thread of their own, coalescing the changes within
                                      it; 0 signals at once
  rassimctl registration-per-call on|off
                                      on (the default): every RasConnectionNotification call
                                      registers anew, even for an event already registered;
                                      off: repeated registrations of one event merge

Connection flags:
  --entry NAME             phone-book entry; without one, the connection is made without an entry
  --phone NUMBER           phone number (or VPN server) dialled
  --device-type TYPE       "vpn", "modem", "pppoe", ... (default "vpn")
  --device-name NAME       as "WAN Miniport (IKEv2)"
  --phonebook PATH         the phone-book file
  --subentry N             multilink sub-entry index (default 0)
  --entry-id GUID          the entry's GUID, "{…}"
  --correlation-id GUID    the connection's correlation GUID, "{…}"
  --flags FLAGS            comma-separated: all_users, global_creds or numbers
  --local ADDR             tunnel's local endpoint (IPv4 or IPv6)
  --remote ADDR            tunnel's remote endpoint
  --substate N             RASCONNSUBSTATE (default 0)
  --unterminated FIELDS    comma-separated fields that fill their array with no terminator:
                           entry, device-type, device-name, phonebook, phone

Entry flags:
  --phonebook PATH         the .pbk file (default: the user's rasphone.pbk, or All Users' with
                           --all-users); paths and names compare ignoring case
  --all-users              in an All Users phone book (its connections are RASCF_AllUsers)
  --device-type TYPE       as for a connection (default "vpn"); also --device-name NAME,
                           --phone NUMBER and --entry-id GUID
  --user U --password P --domain D
                           the only credentials the server accepts (without --user: any);
                           others fail the dial at Authenticate with 691
  --saved                  Windows has them saved: RasGetEntryDialParams gives them, the
                           password as a stand-in that RasDial takes for it
  --script STEPS           what RasDial reports, comma-separated STATE[:DELAY[:ERROR[:EXTENDED]]]:
                           a state's name or number, how long after the step before it, and
                           the error that fails the dial there, as
                           "OpenPort,ConnectDevice:300ms,Authenticate:200ms:691" (default:
                           OpenPort to Authenticated, Windows' usual states, without delays)
  --connect-delay DURATION after the last step, before the connection is connected

Stats flags (every value not given is 0; numbers are decimal or 0x-hexadecimal):
  --sub N                  the link (1 to 32) to set; 0 (the default): the whole connection
  --bytes-sent N           also --bytes-received, --frames-sent, --frames-received
  --rate-bytes-sent N/s    how fast that counter grows ("/s" optional); it wraps at 2^32 as
                           Windows' does; also --rate-bytes-received, --rate-frames-sent,
                           --rate-frames-received
  --crc-errors N           also --timeout-errors, --alignment-errors, --hardware-overrun-errors,
                           --framing-errors, --buffer-overrun-errors
  --compression-in PERCENT also --compression-out
  --bps N                  the speed, bits per second
  --duration DURATION      how long it has been connected ("90m"; default 0); it counts on

Projection flags:
  --type ppp|ikev2|none    required; none takes no other flag
  --not-configured LIST    comma-separated protocols the entry does not configure: ipv4, ipv6
                           (RasGetProjectionInfoW answers 731 for each, the Ex call for both)
  --ipv4 ADDR              the local IPv4 address; --ipv4-server ADDR the server's
  --ipv4-error CODE        the IPv4 negotiation error; --ipv6-error CODE the IPv6 one
  --auth NAME|N            ppp: pap, spap, chap, mschap, mschapv2, eap; ikev2:
                           machine-certificate, eap, psk; or dwAuthenticationProtocol's number
  --eap-type N             the EAP method's type id
  --encryption NAME|N      ppp: none, mppe-40, mppe-56, mppe-128 (the CCP options' MPPE bit);
                           ikev2: des, 3des, aes-128, aes-192, aes-256, aes-gcm-128,
                           aes-gcm-192, aes-gcm-256, or dwEncryptionMethod's number
  ppp only:
  --auth-data N            dwAuthenticationData (a CHAP's RASLCPAD_*), with a numeric --auth
  --interface-id HEX       the IPv6 interface identifier, 16 hex digits (":" between allowed);
                           --server-interface-id HEX the server's
  --ccp-options N          dwCcpOptions (RASCCPO_*), or-ed with --encryption's bit
  ikev2 only:
  --ipv6 ADDR              the local IPv6 address; --ipv6-server ADDR the server's
  --prefix N               the IPv6 prefix length
  --server ADDR            a server address, IPv4 or IPv6; repeat it (16 of each at most)
  --ike-flags N            dwFlags (RASIKEv2_FLAGS_*)

Flags may come before or after the operands (handles never start with "-").

Run it with the RASSIM_NAMESPACE of the programs it drives, the simulator's rasapi32.dll next
to rassimctl.exe, and under Wine WINEDLLOVERRIDES=rasapi32=n.
`

func main() {
	// Ctrl-C ends hold; the signals stay caught until the process ends, as in rasctl: under Wine,
	// a Ctrl-C nobody catches ends the process with status 0.
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	rassim.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a command line rassimctl cannot run: exit status 2, as rasctl's.
type usageError string

func (e usageError) Error() string { return string(e) }

// subcommands run rassimctl's sub-commands, each on the arguments after its name.
var subcommands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"reset": reset,
	"add": func(_ context.Context, args []string, stdout, _ io.Writer) error {
		return add(rassim.Add, args, stdout)
	},
	"dial": func(_ context.Context, args []string, stdout, _ io.Writer) error {
		return add(rassim.Dial, args, stdout)
	},
	"state":   setState,
	"connect": connect,
	"drop":    drop,
	"list":    list,
	"hold":    hold,

	"open-handles": openHandles,
	"stats":        setStats,
	"project":      project,
	"entry":        entry,
	"entries":      entries,

	"reuse":                 reuse,
	"gone-code":             goneCode,
	"lie":                   lie,
	"clear-faults":          clearFaults,
	"notify-delay":          notifyDelay,
	"registration-per-call": registrationPerCall,
}

// run runs the command line args (without the program name) and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usageText)
		return 0
	}
	cmd, ok := subcommands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "rassimctl: unknown command %q (rassimctl --help lists them)\n", args[0])
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	var usage usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usageText)
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "rassimctl %s: %v (rassimctl --help shows the usage)\n", args[0], err)
		return 2
	}
	fmt.Fprintf(stderr, "rassimctl %s: %v\n", args[0], err)
	return 1
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints the error
	return fs
}

// parse parses args, flags before or after the operands, checks that they hold the operands
// named in want (the optional ones written "[ERROR]") and that the simulator is loaded, and
// returns the operands. Help returns flag.ErrHelp; anything else wrong with args, a usageError.
func parse(fs *flag.FlagSet, args []string, want ...string) ([]string, error) {
	var ops []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError(err.Error())
		}
		if fs.NArg() == 0 {
			break
		}
		ops = append(ops, fs.Arg(0))
		args = fs.Args()[1:]
	}
	required := 0
	for _, w := range want {
		if !strings.HasPrefix(w, "[") {
			required++
		}
	}
	if len(ops) < required {
		return nil, usageError("missing " + strings.Join(want[len(ops):required], " "))
	}
	if len(ops) > len(want) {
		return nil, usageError(fmt.Sprintf("unexpected argument %q", ops[len(want)]))
	}
	if !rassim.Available() {
		return nil, errors.New("the loaded rasapi32.dll is not the simulator: put rassim's rasapi32.dll next to " +
			"rassimctl.exe and, under Wine, set WINEDLLOVERRIDES=rasapi32=n")
	}
	return ops, nil
}

func reset(_ context.Context, args []string, _, _ io.Writer) error {
	fs := newFlags("reset")
	xp := fs.Bool("xp", false, "")
	win10 := fs.Bool("win10", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *xp && *win10:
		return usageError("--xp or --win10, not both")
	case *xp:
		return rassim.Reset(rassim.XP)
	case *win10:
		return rassim.Reset(rassim.Win10)
	}
	return rassim.Reset(rassim.Win7)
}

// add adds a connection with rassim.Add or rassim.Dial and prints its handle as rasctl does.
func add(how func(rassim.Conn) (ras.Handle, error), args []string, stdout io.Writer) error {
	fs := newFlags("add")
	flags := defineConnFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	c, err := flags.conn()
	if err != nil {
		return err
	}
	h, err := how(c)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, h)
	return err
}

func setState(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("state"), args, "HANDLE", "STATE")
	if err != nil {
		return err
	}
	h, err := parseHandle(ops[0])
	if err != nil {
		return err
	}
	state, err := parseState(ops[1])
	if err != nil {
		return err
	}
	return rassim.SetState(h, state)
}

func connect(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("connect"), args, "HANDLE")
	if err != nil {
		return err
	}
	h, err := parseHandle(ops[0])
	if err != nil {
		return err
	}
	return rassim.Connect(h)
}

func drop(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("drop"), args, "HANDLE", "[ERROR]")
	if err != nil {
		return err
	}
	h, err := parseHandle(ops[0])
	if err != nil {
		return err
	}
	var code uint32
	if len(ops) > 1 {
		if code, err = parseNumber(ops[1], "ERROR"); err != nil {
			return err
		}
	}
	return rassim.Drop(h, code)
}

func list(_ context.Context, args []string, stdout, _ io.Writer) error {
	if _, err := parse(newFlags("list"), args); err != nil {
		return err
	}
	handles, err := rassim.Connections()
	if err != nil {
		return err
	}
	for _, h := range handles {
		if _, err := fmt.Fprintln(stdout, h); err != nil {
			return err
		}
	}
	return nil
}

func openHandles(_ context.Context, args []string, stdout, _ io.Writer) error {
	if _, err := parse(newFlags("open-handles"), args); err != nil {
		return err
	}
	n, err := rassim.OpenHandles()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, n)
	return err
}

func reuse(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("reuse"), args, "HANDLE")
	if err != nil {
		return err
	}
	h, err := parseHandle(ops[0])
	if err != nil {
		return err
	}
	return rassim.ReuseHandle(h)
}

func goneCode(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("gone-code"), args, "CODE")
	if err != nil {
		return err
	}
	code, err := parseNumber(ops[0], "CODE")
	if err != nil {
		return err
	}
	if code != 6 && code != 668 {
		return usageError(fmt.Sprintf("CODE %d: 6 or 668", code))
	}
	return rassim.SetGoneCode(code)
}

// lieFuncs are the functions lie can make lie, by the names rassim gives them: all of them about
// the size they need, the first two also about their count.
var lieFuncs = []rassim.Func{rassim.EnumConnections, rassim.EnumEntries, rassim.GetProjectionInfoEx, rassim.GetProjectionInfo}

const countLieFuncs = 2

func lie(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("lie"), args, "FUNC", "KIND", "VALUE")
	if err != nil {
		return err
	}
	i := slices.IndexFunc(lieFuncs, func(f rassim.Func) bool { return strings.EqualFold(f.String(), ops[0]) })
	if i < 0 {
		return usageError(fmt.Sprintf("FUNC %q: EnumConnections, EnumEntries, GetProjectionInfoEx or GetProjectionInfo", ops[0]))
	}
	v, err := parseNumber(ops[2], "VALUE")
	if err != nil {
		return err
	}
	switch ops[1] {
	case "needed":
		return rassim.LieNeeded(lieFuncs[i], v)
	case "count":
		if i >= countLieFuncs {
			return usageError(fmt.Sprintf("%v answers no count: lie about its count with EnumConnections or EnumEntries", lieFuncs[i]))
		}
		return rassim.LieCount(lieFuncs[i], v)
	}
	return usageError(fmt.Sprintf("KIND %q: needed or count", ops[1]))
}

func clearFaults(_ context.Context, args []string, _, _ io.Writer) error {
	if _, err := parse(newFlags("clear-faults"), args); err != nil {
		return err
	}
	return rassim.ClearFaults()
}

func notifyDelay(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("notify-delay"), args, "DURATION")
	if err != nil {
		return err
	}
	d, err := time.ParseDuration(ops[0])
	if err != nil {
		return usageError(fmt.Sprintf("DURATION %q: not a duration (as \"200ms\")", ops[0]))
	}
	return rassim.SetNotifyDelay(d)
}

func registrationPerCall(_ context.Context, args []string, _, _ io.Writer) error {
	ops, err := parse(newFlags("registration-per-call"), args, "on|off")
	if err != nil {
		return err
	}
	switch ops[0] {
	case "on":
		return rassim.SetRegistrationPerCall(true)
	case "off":
		return rassim.SetRegistrationPerCall(false)
	}
	return usageError(fmt.Sprintf("%q: on or off", ops[0]))
}

// parseNumber reads a decimal or 0x-hexadecimal operand.
func parseNumber(s, what string) (uint32, error) {
	v, err := strconv.ParseUint(s, 0, 32)
	if err != nil {
		return 0, usageError(fmt.Sprintf("%s %q: not a number", what, s))
	}
	return uint32(v), nil
}

// parseHandle reads a connection handle, in hexadecimal as rasctl prints it ("0x801") or in decimal.
func parseHandle(s string) (ras.Handle, error) {
	v, err := strconv.ParseUint(s, 0, strconv.IntSize)
	if err != nil {
		return 0, usageError(fmt.Sprintf("HANDLE %q: not a number", s))
	}
	return ras.Handle(v), nil
}

// parseState reads a RASCONNSTATE by the name rasctl prints ("Authenticate", any case) or as a
// number, which may be one no Windows has.
func parseState(s string) (ras.State, error) {
	if v, err := strconv.ParseUint(s, 0, 32); err == nil {
		return ras.State(v), nil
	}
	for st := ras.OpenPort; st <= ras.Disconnected; st++ {
		if strings.EqualFold(st.String(), s) {
			return st, nil
		}
	}
	return 0, usageError(fmt.Sprintf("STATE %q: not a number nor a state's name (as \"Authenticate\")", s))
}

// connFlags are the flags that describe a connection to add or dial.
type connFlags struct {
	entry, phone, deviceType, deviceName, phonebook string
	entryID, correlationID, flags, local, remote    string
	unterminated                                    string
	subEntry, subState                              uint
}

func defineConnFlags(fs *flag.FlagSet) *connFlags {
	f := &connFlags{}
	fs.StringVar(&f.entry, "entry", "", "")
	fs.StringVar(&f.phone, "phone", "", "")
	fs.StringVar(&f.deviceType, "device-type", "vpn", "")
	fs.StringVar(&f.deviceName, "device-name", "", "")
	fs.StringVar(&f.phonebook, "phonebook", "", "")
	fs.StringVar(&f.entryID, "entry-id", "", "")
	fs.StringVar(&f.correlationID, "correlation-id", "", "")
	fs.StringVar(&f.flags, "flags", "", "")
	fs.StringVar(&f.local, "local", "", "")
	fs.StringVar(&f.remote, "remote", "", "")
	fs.StringVar(&f.unterminated, "unterminated", "", "")
	fs.UintVar(&f.subEntry, "subentry", 0, "")
	fs.UintVar(&f.subState, "substate", 0, "")
	return f
}

// conn checks the flags' values and returns the connection they describe.
func (f *connFlags) conn() (rassim.Conn, error) {
	c := rassim.Conn{
		Entry: f.entry, PhoneNumber: f.phone, DeviceType: f.deviceType, DeviceName: f.deviceName,
		Phonebook: f.phonebook, SubEntry: uint32(f.subEntry), SubState: ras.SubState(f.subState),
	}
	for _, g := range []struct {
		flag, value string
		dst         *windows.GUID
	}{{"--entry-id", f.entryID, &c.EntryID}, {"--correlation-id", f.correlationID, &c.CorrelationID}} {
		if g.value == "" {
			continue
		}
		id, err := windows.GUIDFromString(g.value)
		if err != nil {
			return c, usageError(fmt.Sprintf("%s %q: not a GUID written {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", g.flag, g.value))
		}
		*g.dst = id
	}
	for _, a := range []struct {
		flag, value string
		dst         *netip.Addr
	}{{"--local", f.local, &c.LocalEndpoint}, {"--remote", f.remote, &c.RemoteEndpoint}} {
		if a.value == "" {
			continue
		}
		addr, err := netip.ParseAddr(a.value)
		if err != nil {
			return c, usageError(fmt.Sprintf("%s: %v", a.flag, err))
		}
		*a.dst = addr
	}
	for _, name := range strings.Split(f.flags, ",") {
		switch name = strings.TrimSpace(name); name {
		case "":
		case "all_users":
			c.Flags |= ras.AllUsers
		case "global_creds":
			c.Flags |= ras.GlobalCreds
		default:
			v, err := parseNumber(name, "--flags")
			if err != nil {
				return c, usageError(fmt.Sprintf("--flags %q: all_users, global_creds or a number", name))
			}
			c.Flags |= ras.ConnFlags(v)
		}
	}
	for _, name := range strings.Split(f.unterminated, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		field, ok := unterminatedFields[name]
		if !ok {
			return c, usageError(fmt.Sprintf("--unterminated %q: entry, device-type, device-name, phonebook or phone", name))
		}
		c.Unterminated |= field
	}
	return c, nil
}

// unterminatedFields are --unterminated's names, after the connection flags that set the fields.
var unterminatedFields = map[string]rassim.Fields{
	"entry":       rassim.FieldEntry,
	"device-type": rassim.FieldDeviceType,
	"device-name": rassim.FieldDeviceName,
	"phonebook":   rassim.FieldPhonebook,
	"phone":       rassim.FieldPhoneNumber,
}

// hold keeps the namespace's simulated RAS service until ctx ends (Ctrl-C). The service lives
// in memory that the processes with the simulator loaded share: when the last of them exits,
// its connections are gone. A script that makes connections with one rassimctl and reads them
// with another program runs this in the background first.
func hold(ctx context.Context, args []string, _, stderr io.Writer) error {
	if _, err := parse(newFlags("hold"), args); err != nil {
		return err
	}
	if _, err := rassim.Connections(); err != nil { // maps the service, creating it if need be
		return err
	}
	namespace := os.Getenv("RASSIM_NAMESPACE")
	if namespace == "" {
		namespace = "default"
	}
	fmt.Fprintf(stderr, "holding the simulated RAS service of namespace %q; Ctrl-C ends it\n", namespace)
	<-ctx.Done()
	return nil
}
