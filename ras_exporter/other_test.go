//go:build !windows

package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Off Windows the library answers ras.ErrNotSupported: the exporter still starts and answers,
// with the failure in the metrics.
func TestOffWindowsAScrapeAnswersThatRASIsUnavailable(t *testing.T) {
	e := startExporter(t)
	for i := 1; i <= 2; i++ {
		s := scrape(t, e)
		assert.Equal(t, 0.0, s.must(t, "ras_up"))
		assert.Equal(t, 0.0, s.must(t, "ras_statistics_available"))
		assert.Equal(t, float64(i), s.must(t, "ras_call_failures_total", "call", "RasEnumConnectionsW", "code", "none"))
		assert.Empty(t, s.matching("ras_connections"))
		assert.Equal(t, 1.0, s.must(t, "ras_exporter_build_info"))
	}
	code, body := get(t, e, "/")
	assert.Equal(t, 200, code)
	assert.Contains(t, body, `<a href="/metrics">`)
	code, _ = get(t, e, "/nothing")
	assert.Equal(t, 404, code)
}
