//go:build windows

package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Wine's builtin rasapi32 (raswine exec -backend builtin) is stubs: it lists no connection,
// never notifies, and answers 635 (ERROR_UNKNOWN) to every RasGetConnectionStatistics.

func useBuiltin(t *testing.T) {
	t.Helper()
	if os.Getenv("WINRAS_BACKEND") != "builtin" {
		t.Skipf("needs Wine's builtin rasapi32 (raswine exec -backend builtin); WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
}

func TestWithWinesBuiltinItAnswersThatStatisticsAreUnavailable(t *testing.T) {
	useBuiltin(t)
	e := startExporter(t)
	for range 2 {
		s := scrape(t, e)
		assert.Equal(t, 1.0, s.must(t, "ras_up"))
		assert.Equal(t, 0.0, s.must(t, "ras_connections"))
		assert.Equal(t, 0.0, s.must(t, "ras_statistics_available"))
		assert.Empty(t, s.matching("ras_call_failures_total"), "a Windows that cannot give statistics is no failure of a call")
		assert.Equal(t, 0.0, s.must(t, "ras_connections_connected_total"), "the watcher works by re-listing")
		assert.Equal(t, 1.0, s.must(t, "ras_exporter_build_info"))
	}
	code, body := get(t, e, "/")
	assert.Equal(t, 200, code)
	assert.Contains(t, body, `<a href="/metrics">`)
}
