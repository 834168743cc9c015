package main

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"
)

// startExporter starts an exporter on a loopback port of its own, stopped when the test ends.
func startExporter(t *testing.T) *exporter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	e, err := start(config{telemetryPath: "/metrics"}, ln, testLogger(t))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, e.Close()) })
	return e
}

// testLogger logs to the test's log until the test ends.
func testLogger(t *testing.T) *slog.Logger {
	w := &testWriter{t: t}
	t.Cleanup(func() {
		w.mu.Lock()
		w.done = true
		w.mu.Unlock()
	})
	return slog.New(slog.NewTextHandler(w, nil))
}

type testWriter struct {
	mu   sync.Mutex
	t    *testing.T
	done bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

// fresh is a client that opens a connection per request, and keeps none open: a test that a
// server has stopped must not be answered from a kept-alive connection, and one that stops a
// server must not leave a connection that is still new to it.
var fresh = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 60 * time.Second}

// get GETs path from e and returns the status and body.
func get(t *testing.T, e *exporter, path string) (int, string) {
	t.Helper()
	resp, err := fresh.Get("http://" + e.Addr().String() + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// scraped is one scrape, parsed.
type scraped map[string]*dto.MetricFamily

// scrape GETs /metrics as Prometheus would, and parses it with expfmt: it must answer 200 with
// metrics, whatever RAS does.
func scrape(t *testing.T, e *exporter) scraped {
	t.Helper()
	code, body := get(t, e, "/metrics")
	require.Equal(t, http.StatusOK, code, body)
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	require.NoError(t, err, body)
	return fams
}

// value is the value of the one series of metric name whose labels include labels; ok false
// when there is none. More than one fails the test.
func (s scraped) value(t *testing.T, name string, labels ...string) (v float64, ok bool) {
	t.Helper()
	found := s.matching(name, labels...)
	require.LessOrEqual(t, len(found), 1, "%s%v: more than one series", name, labels)
	if len(found) == 0 {
		return 0, false
	}
	m := found[0]
	switch {
	case m.Counter != nil:
		return m.Counter.GetValue(), true
	case m.Gauge != nil:
		return m.Gauge.GetValue(), true
	}
	return m.Untyped.GetValue(), true
}

// must is value for a series that must be there.
func (s scraped) must(t *testing.T, name string, labels ...string) float64 {
	t.Helper()
	v, ok := s.value(t, name, labels...)
	require.True(t, ok, "no series %s%v", name, labels)
	return v
}

// matching are the series of metric name whose labels include labels (name, value, ...).
func (s scraped) matching(name string, labels ...string) []*dto.Metric {
	f := s[name]
	if f == nil {
		return nil
	}
	var found []*dto.Metric
	for _, m := range f.Metric {
		if hasLabels(m, labels) {
			found = append(found, m)
		}
	}
	return found
}

// labelSets are the labels of every series of metric name, each as "k=v,k=v" sorted.
func (s scraped) labelSets(name string) []string {
	var sets []string
	for _, m := range s.matching(name) {
		var kv []string
		for _, l := range m.Label {
			kv = append(kv, l.GetName()+"="+l.GetValue())
		}
		sort.Strings(kv)
		sets = append(sets, strings.Join(kv, ","))
	}
	sort.Strings(sets)
	return sets
}

func hasLabels(m *dto.Metric, labels []string) bool {
	for i := 0; i+1 < len(labels); i += 2 {
		found := false
		for _, l := range m.Label {
			if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}
