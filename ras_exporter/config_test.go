package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFlagsTakeOneDashOrTwoAndDefaultToOurPort(t *testing.T) {
	cmd, cfg, err := parseArgs(nil)
	require.NoError(t, err)
	assert.Equal(t, cmdServe, cmd)
	assert.Equal(t, config{listenAddress: ":10727", telemetryPath: "/metrics"}, cfg)

	cmd, cfg, err = parseArgs([]string{"--web.listen-address=127.0.0.1:9999", "-web.telemetry-path", "/ras",
		"--web.disable-exporter-metrics"})
	require.NoError(t, err)
	assert.Equal(t, cmdServe, cmd)
	assert.Equal(t, config{listenAddress: "127.0.0.1:9999", telemetryPath: "/ras", disableExporterMetrics: true}, cfg)
}

func TestInstallTakesTheFlagsTheServiceRunsWith(t *testing.T) {
	cmd, cfg, err := parseArgs([]string{"install", "--web.listen-address", ":9999"})
	require.NoError(t, err)
	assert.Equal(t, cmdInstall, cmd)
	assert.Equal(t, ":9999", cfg.listenAddress)

	cmd, _, err = parseArgs([]string{"uninstall"})
	require.NoError(t, err)
	assert.Equal(t, cmdUninstall, cmd)
}

func TestBadCommandLinesAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--no-such-flag"},
		{"serve"},
		{"uninstall", "--web.listen-address", ":1"},
		{"--web.telemetry-path", "/"},
		{"--web.telemetry-path", "metrics"},
	} {
		_, _, err := parseArgs(args)
		assert.Error(t, err, args)
	}
	_, _, err := parseArgs([]string{"--help"})
	assert.ErrorIs(t, err, errHelp)
}

func TestVersionIsACommand(t *testing.T) {
	cmd, _, err := parseArgs([]string{"--version"})
	require.NoError(t, err)
	assert.Equal(t, cmdVersion, cmd)
	assert.Contains(t, versionString(), "ras_exporter (version=")
}

func TestLogFileIsAFlag(t *testing.T) {
	cmd, cfg, err := parseArgs([]string{"install", "--log.file", `C:\ProgramData\ras_exporter\ras_exporter.log`})
	require.NoError(t, err)
	assert.Equal(t, cmdInstall, cmd)
	assert.Equal(t, `C:\ProgramData\ras_exporter\ras_exporter.log`, cfg.logFile)
	cfg, err = parseFlags([]string{"--log.file", "x.log"})
	require.NoError(t, err)
	assert.Equal(t, "x.log", cfg.logFile)
}

func TestServiceFlagsAreTheSameFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"--web.listen-address", ":9999"})
	require.NoError(t, err)
	assert.Equal(t, config{listenAddress: ":9999", telemetryPath: "/metrics"}, cfg)
	_, err = parseFlags([]string{"install"})
	assert.Error(t, err)
}
