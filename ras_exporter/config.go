package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// defaultListenAddress is the port this exporter uses unless told: not windows_exporter's 9182,
// which runs on the same machines (README.md says why this one).
const defaultListenAddress = ":10727"

// config is what the flags set.
type config struct {
	listenAddress          string
	telemetryPath          string
	disableExporterMetrics bool
	logFile                string // where to log instead of stderr, or the event log as a service
}

// The commands.
const (
	cmdServe     = ""
	cmdInstall   = "install"
	cmdUninstall = "uninstall"
	cmdVersion   = "version"
	// cmdService is what the installed service runs: Windows' service control manager starts
	// the program with it, and the flags install was given.
	cmdService = "service"
)

// errHelp is what parseArgs returns for -h, -help or --help.
var errHelp = flag.ErrHelp

const usage = `Usage:
  ras_exporter [FLAGS]            serve the RAS metrics until Ctrl-C
  ras_exporter install [FLAGS]    install the Windows service "ras_exporter", which runs with FLAGS
  ras_exporter uninstall          remove the service
  ras_exporter service [FLAGS]    run as the service (what Windows starts; install sets it up)
  ras_exporter --version          print the version

Flags:
  --web.listen-address ADDRESS    the address to serve on (default "` + defaultListenAddress + `")
  --web.telemetry-path PATH       the path of the metrics (default "/metrics")
  --web.disable-exporter-metrics  leave out the exporter's own go_* and process_* metrics
  --log.file PATH                 log to the file PATH (appending), instead of stderr or, as a
                                  service, the Application event log
`

// parseArgs reads the command line: an optional command, then flags.
func parseArgs(args []string) (cmd string, cfg config, err error) {
	if len(args) > 0 && (args[0] == cmdInstall || args[0] == cmdUninstall) {
		cmd, args = args[0], args[1:]
	}
	if cmd == cmdUninstall && len(args) > 0 {
		return "", config{}, fmt.Errorf("uninstall takes no arguments, not %q", strings.Join(args, " "))
	}
	fs, parsed := flagSet()
	version := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		return "", config{}, err
	}
	if fs.NArg() > 0 {
		return "", config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *version {
		cmd = cmdVersion
	}
	return cmd, *parsed, parsed.check()
}

// parseFlags reads the flags alone, as the service gets them.
func parseFlags(args []string) (config, error) {
	fs, cfg := flagSet()
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return *cfg, cfg.check()
}

// flagSet is the flags, named as node_exporter and windows_exporter name theirs. Go's flag
// package takes them with one dash or two.
func flagSet() (*flag.FlagSet, *config) {
	cfg := &config{}
	fs := flag.NewFlagSet("ras_exporter", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the caller prints the error and the usage
	fs.StringVar(&cfg.listenAddress, "web.listen-address", defaultListenAddress, "")
	fs.StringVar(&cfg.telemetryPath, "web.telemetry-path", "/metrics", "")
	fs.BoolVar(&cfg.disableExporterMetrics, "web.disable-exporter-metrics", false, "")
	fs.StringVar(&cfg.logFile, "log.file", "", "")
	return fs, cfg
}

func (c *config) check() error {
	if !strings.HasPrefix(c.telemetryPath, "/") || c.telemetryPath == "/" {
		return errors.New("--web.telemetry-path must start with / and not be / itself (the landing page)")
	}
	return nil
}
