package main

import (
	"runtime/debug"

	"github.com/prometheus/common/version"
)

// init gives the build_info metric and --version the module's version when the build did not
// set one (go build -ldflags "-X github.com/prometheus/common/version.Version=..." does, as the
// Prometheus exporters' releases do): "v0.2.0" for go install ...@v0.2.0, "(devel)" from a tree.
func init() {
	if version.Version != "" {
		return
	}
	version.Version = "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		version.Version = info.Main.Version
	}
}

// versionString is what --version prints and the start-up log says.
func versionString() string {
	return "ras_exporter " + version.Info()
}
