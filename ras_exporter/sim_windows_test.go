//go:build windows

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// These tests run the exporter against the simulator (raswine exec -backend sim), in the test's
// own process: the connections the test makes are the ones the exporter reads.

func useSim(t testing.TB) {
	t.Helper()
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skipf("needs the simulator (raswine exec -backend sim); WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
	require.True(t, rassim.Available(), "WINRAS_BACKEND=sim, but System32's rasapi32.dll is not the simulator")
	require.NoError(t, rassim.Reset(rassim.Win7))
	// Registered first, so it runs last: after the exporter's Close, whose watcher's
	// registration Reset would otherwise drop under it.
	t.Cleanup(func() { rassim.Reset(rassim.Win7) })
}

var (
	officeID   = windows.GUID{Data1: 0x3F2504E0, Data2: 0x4F89, Data3: 0x11D3, Data4: [8]byte{0x9A, 0x0C, 0x03, 0x05, 0xE8, 0x2C, 0x33, 0x01}}
	officeID2  = windows.GUID{Data1: 0x3F2504E0, Data2: 0x4F89, Data3: 0x11D3, Data4: [8]byte{0x9A, 0x0C, 0x03, 0x05, 0xE8, 0x2C, 0x33, 0x02}}
	officeVPN  = rassim.Conn{Entry: "Office VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)", CorrelationID: officeID}
	officeVPN2 = rassim.Conn{Entry: "Office VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)", CorrelationID: officeID2}
	modem      = rassim.Conn{PhoneNumber: "5550123", DeviceType: "modem", DeviceName: "Standard 56000 bps Modem"}
)

// sampled waits until the exporter's background sampling has read the statistics of n
// connections since the simulator was reset: its first pass, which it makes as it starts. The
// next comes 15 seconds later for a connection whose link speed is 0 and whose counters stand
// still, longer than any test that waits for it takes: a fault the test injects then meets the
// scrape's call, not the sampler's.
func sampled(t *testing.T, n uint32) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for rassim.Calls(rassim.GetConnectionStatistics) < n {
		require.True(t, time.Now().Before(deadline), "the exporter did not read the statistics in a minute")
		time.Sleep(10 * time.Millisecond)
	}
}

func add(t testing.TB, c rassim.Conn) ras.Handle {
	t.Helper()
	h, err := rassim.Add(c)
	require.NoError(t, err)
	return h
}

func setStats(t testing.TB, h ras.Handle, s rassim.Stats) {
	t.Helper()
	require.NoError(t, rassim.SetStats(h, 0, s))
}

func TestScrapeGivesEachConnectionsSeries(t *testing.T) {
	useSim(t)
	office := add(t, officeVPN)
	dialup := add(t, modem)
	setStats(t, office, rassim.Stats{
		BytesSent: 1_000_001, BytesReceived: 2_000_002, FramesSent: 3003, FramesReceived: 4004,
		CRCErrors: 5, TimeoutErrors: 6, AlignmentErrors: 7, HardwareOverrunErrors: 8, FramingErrors: 9,
		BufferOverrunErrors: 10, Bps: 100_000_000, Duration: 90 * time.Second,
	})
	require.NoError(t, rassim.SetProjection(office, rassim.Projection{
		Type: rassim.IKEv2, IPv4: netip.MustParseAddr("10.10.0.2"), IPv4Server: netip.MustParseAddr("10.10.0.1"),
		IPv6: netip.MustParseAddr("fd00:10::2"), IPv6PrefixLength: 64, AuthenticationProtocol: uint32(ras.AuthIKEv2EAP),
		EncryptionMethod: ras.EncryptionAES256,
	}))
	e := startExporter(t)
	s := scrape(t, e)

	assert.Equal(t, 1.0, s.must(t, "ras_up"))
	assert.Equal(t, 2.0, s.must(t, "ras_connections"))
	assert.Equal(t, 1.0, s.must(t, "ras_statistics_available"))
	oh, dh := office.String(), dialup.String()
	assert.Equal(t, []string{
		"correlation_id=,device_name=Standard 56000 bps Modem,device_type=modem,entry=,handle=" + dh + ",name=5550123,phone_number=5550123",
		"correlation_id={3F2504E0-4F89-11D3-9A0C-0305E82C3301},device_name=WAN Miniport (IKEv2),device_type=vpn,entry=Office VPN,handle=" + oh + ",name=Office VPN,phone_number=",
	}, s.labelSets("ras_connection_info"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_state", "handle", oh, "name", "Office VPN", "state", "Connected"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_state", "handle", dh, "name", "5550123", "state", "Connected"))

	for name, want := range map[string]float64{
		"ras_connection_bytes_sent_total": 1_000_001, "ras_connection_bytes_received_total": 2_000_002,
		"ras_connection_frames_sent_total": 3003, "ras_connection_frames_received_total": 4004,
		"ras_connection_link_speed_bytes": 12_500_000,
	} {
		assert.Equal(t, want, s.must(t, name, "handle", oh), name)
		if name != "ras_connection_link_speed_bytes" {
			assert.Equal(t, 0.0, s.must(t, name, "handle", dh), "the modem's statistics were never set: zeros")
		}
	}
	for kind, want := range map[string]float64{"crc": 5, "timeout": 6, "alignment": 7, "hardware_overrun": 8, "framing": 9, "buffer_overrun": 10} {
		assert.Equal(t, want, s.must(t, "ras_connection_errors_total", "handle", oh, "type", kind), kind)
	}
	// The duration goes on counting on the simulator's clock from 90s: a minute more is far
	// more than a scrape takes.
	d := s.must(t, "ras_connection_duration_seconds", "handle", oh)
	assert.GreaterOrEqual(t, d, 90.0)
	assert.Less(t, d, 150.0)

	assert.Equal(t, []string{
		"address=10.10.0.2,family=ipv4,handle=" + oh + ",name=Office VPN,server=10.10.0.1",
		"address=fd00:10::2,family=ipv6,handle=" + oh + ",name=Office VPN,server=",
	}, s.labelSets("ras_connection_address_info"))
	assert.Equal(t, []string{
		"authentication=eap,encryption=aes-256,handle=" + oh + ",name=Office VPN,protocol=ikev2,tunnel=ikev2",
	}, s.labelSets("ras_connection_projection_info"), "the modem was never projected: no series, and no failure")
	assert.Empty(t, s.matching("ras_call_failures_total"))
	assert.Equal(t, 1.0, s.must(t, "ras_exporter_build_info"))
	assert.Equal(t, 15.0, s.must(t, "ras_connection_statistics_interval_seconds", "handle", oh), "100 Mbit/s: 5.7 minutes a wrap")
	assert.Equal(t, 15.0, s.must(t, "ras_connection_statistics_interval_seconds", "handle", dh), "no speed reported")
}

// The connection's duration goes on meanwhile: a counter that went down is a wrap, not a reset.
func TestCountersKeepRisingWhenWindowsCountersWrap(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	e := startExporter(t)
	hs := h.String()
	counters := func(s rassim.Stats) [3]float64 {
		t.Helper()
		setStats(t, h, s)
		sc := scrape(t, e)
		return [3]float64{
			sc.must(t, "ras_connection_bytes_sent_total", "handle", hs),
			sc.must(t, "ras_connection_bytes_received_total", "handle", hs),
			sc.must(t, "ras_connection_frames_sent_total", "handle", hs),
		}
	}
	assert.Equal(t, [3]float64{0xFFFFFF00, 0xFFFFFFF0, 0xFFFFFFFF}, counters(rassim.Stats{BytesSent: 0xFFFFFF00, BytesReceived: 0xFFFFFFF0, FramesSent: 0xFFFFFFFF, Duration: time.Minute}))
	assert.Equal(t, [3]float64{0x1_0000_0100, 0x1_0000_0010, 0x1_0000_0001}, counters(rassim.Stats{BytesSent: 0x100, BytesReceived: 0x10, FramesSent: 1, Duration: 2 * time.Minute}), "across the wrap")
	assert.Equal(t, [3]float64{0x1_0000_0200, 0x1_0000_0010, 0x1_0000_0001}, counters(rassim.Stats{BytesSent: 0x200, BytesReceived: 0x10, FramesSent: 1, Duration: 3 * time.Minute}), "and on from there")
}

// growing is a connection whose bytes received the simulator grows at a rate, from start on, since
// its duration was grown milliseconds: a scrape's total is exactly what its duration makes it.
type growing struct {
	h                  ras.Handle
	start, rate, grown uint64
}

// startGrowing sets h's bytes received to start and scrapes once, which the connection's totals
// start from however late it comes; then the simulator grows them at rate, on a link of bps.
// The duration goes on from a second past the scrape's: it must not go back (a reset) from a
// reading the exporter may make meanwhile.
func startGrowing(t *testing.T, e *exporter, h ras.Handle, start, rate, bps uint32) growing {
	t.Helper()
	setStats(t, h, rassim.Stats{BytesReceived: start, Bps: bps})
	s := scrape(t, e)
	require.Equal(t, float64(start), s.must(t, "ras_connection_bytes_received_total", "handle", h.String()))
	g := growing{h: h, start: uint64(start), rate: uint64(rate), grown: durationMS(t, s, h) + 1000}
	setStats(t, h, rassim.Stats{BytesReceived: start, BytesReceivedPerSecond: rate, Bps: bps, Duration: time.Duration(g.grown) * time.Millisecond})
	return g
}

// check checks the total s exports against the duration it exports, and returns both.
func (g growing) check(t *testing.T, s scraped) (since uint64, total float64) {
	t.Helper()
	total = s.must(t, "ras_connection_bytes_received_total", "handle", g.h.String())
	// The simulator grows the counter by the milliseconds the same call adds to the duration.
	since = durationMS(t, s, g.h) - g.grown
	want := g.start + g.rate*(since/1000) + g.rate*(since%1000)/1000
	require.Equal(t, float64(want), total, "%d ms after it started growing", since)
	return since, total
}

// durationMS is the duration s exports for h, in milliseconds.
func durationMS(t *testing.T, s scraped, h ras.Handle) uint64 {
	t.Helper()
	return uint64(math.Round(s.must(t, "ras_connection_duration_seconds", "handle", h.String()) * 1000))
}

// A counter the simulator grows at 100 MB/s from 20 MB below 2^32 wraps 200 ms later and then
// every 43 s: scrapes however slow (a few seconds apart) see it rise past 2^32 and never go back.
func TestACounterThatWrapsAsItGrowsKeepsRising(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	e := startExporter(t)
	g := startGrowing(t, e, h, 0xFFFFFFFF-20_000_000, 100_000_000, 0)
	last := float64(g.start)
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, got := g.check(t, scrape(t, e))
		require.GreaterOrEqual(t, got, last, "a counter went back")
		last = got
		if got > 1<<32 {
			return
		}
		require.True(t, time.Now().Before(deadline), "no wrap in a minute: at %v", got)
		time.Sleep(50 * time.Millisecond)
	}
}

func TestANewConnectionStartsItsOwnCounters(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	e := startExporter(t)
	first := add(t, officeVPN)
	setStats(t, first, rassim.Stats{BytesSent: 0xFFFFFF00})
	s := scrape(t, e)
	assert.Equal(t, float64(0xFFFFFF00), s.must(t, "ras_connection_bytes_sent_total", "handle", first.String()))
	require.NoError(t, ras.HangUp(context.Background(), first))

	// The entry dials again and gets a new handle: its series are new, the old ones gone.
	second := add(t, officeVPN2)
	require.NotEqual(t, first, second)
	setStats(t, second, rassim.Stats{BytesSent: 100})
	s = scrape(t, e)
	assert.Empty(t, s.matching("ras_connection_bytes_sent_total", "handle", first.String()))
	assert.Equal(t, 100.0, s.must(t, "ras_connection_bytes_sent_total", "handle", second.String()))
}

// Windows may give a new connection the handle of one that ended: the series' labels are the
// same, and its counters start again from the new connection's own (a counter reset), not from
// the old one's totals (which would read as a wrap, and a jump of 4 GiB).
func TestANewConnectionOnAReusedHandleResetsTheCounters(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	e := startExporter(t)
	first := add(t, officeVPN)
	setStats(t, first, rassim.Stats{BytesSent: 5_000_000, FramesSent: 5000, CRCErrors: 3})
	s := scrape(t, e)
	hs := first.String()
	assert.Equal(t, 5_000_000.0, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
	require.NoError(t, ras.HangUp(context.Background(), first))

	require.NoError(t, rassim.ReuseHandle(first))
	second := add(t, officeVPN2)
	require.Equal(t, first, second)
	setStats(t, second, rassim.Stats{BytesSent: 100, FramesSent: 1})
	s = scrape(t, e)
	assert.Equal(t, 100.0, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_frames_sent_total", "handle", hs))
	assert.Equal(t, 0.0, s.must(t, "ras_connection_errors_total", "handle", hs, "type", "crc"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_info", "handle", hs, "correlation_id", officeID2.String()))
}

// waitFor scrapes until ready says the scrape shows what the Watcher counted, which it does once
// Windows has notified it; check then checks that scrape. Every value is asserted, none timed.
func waitFor(t *testing.T, e *exporter, ready func(scraped) bool) scraped {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		s := scrape(t, e)
		if ready(s) {
			return s
		}
		require.True(t, time.Now().Before(deadline), "the watcher did not count the change in a minute")
		time.Sleep(20 * time.Millisecond)
	}
}

func TestConnectionsMadeEndedAndDroppedAreCountedByError(t *testing.T) {
	useSim(t)
	before := add(t, officeVPN)
	e := startExporter(t)
	s := scrape(t, e)
	assert.Equal(t, 0.0, s.must(t, "ras_connections_connected_total"), "the connection was up before the exporter started")
	assert.Equal(t, 0.0, s.must(t, "ras_connections_disconnected_total"))
	assert.Empty(t, s.matching("ras_connections_dropped_total"))

	dialup := add(t, modem)
	s = waitFor(t, e, func(s scraped) bool { return s.must(t, "ras_connections_connected_total") == 1 })
	assert.Equal(t, 2.0, s.must(t, "ras_connections"))

	// The server ends the modem's call: 629, "The port was disconnected by the remote machine."
	require.NoError(t, rassim.Drop(dialup, 629))
	s = waitFor(t, e, func(s scraped) bool { return s.must(t, "ras_connections_disconnected_total") == 1 })
	assert.Equal(t, 1.0, s.must(t, "ras_connections_dropped_total", "code", "629"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections"))
	assert.Empty(t, s.matching("ras_connection_info", "handle", dialup.String()))

	// A hang-up ends a connection with no error: it is no drop.
	require.NoError(t, ras.HangUp(context.Background(), before))
	s = waitFor(t, e, func(s scraped) bool { return s.must(t, "ras_connections_disconnected_total") == 2 })
	assert.Equal(t, []string{"code=629"}, s.labelSets("ras_connections_dropped_total"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections_dropped_total", "code", "629"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections_connected_total"))
	assert.Equal(t, 0.0, s.must(t, "ras_connections"))
}

// 711: the RAS service (RasMan) is not running, as at boot before it starts.
func TestAScrapeWhileRASIsDownAnswersWithTheFailure(t *testing.T) {
	useSim(t)
	add(t, officeVPN)
	e := startExporter(t)
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, 711))
	for i := 1; i <= 2; i++ {
		s := scrape(t, e)
		assert.Equal(t, 0.0, s.must(t, "ras_up"))
		assert.Equal(t, float64(i), s.must(t, "ras_call_failures_total", "call", "RasEnumConnectionsW", "code", "711"))
		assert.Empty(t, s.matching("ras_connections"), "not known: not 0")
		assert.Empty(t, s.matching("ras_connection_info"))
		assert.Equal(t, 1.0, s.must(t, "ras_exporter_build_info"))
	}
	require.NoError(t, rassim.ClearFaults())
	s := scrape(t, e)
	assert.Equal(t, 1.0, s.must(t, "ras_up"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections"))
	assert.Equal(t, 2.0, s.must(t, "ras_call_failures_total", "call", "RasEnumConnectionsW", "code", "711"), "a counter")
}

// A call about one connection that fails leaves out that call's series, and is counted.
func TestAFailingCallLeavesOutItsSeriesAndIsCounted(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	require.NoError(t, rassim.SetProjection(h, rassim.Projection{Type: rassim.IKEv2, IPv4: netip.MustParseAddr("10.0.0.2")}))
	e := startExporter(t)
	hs := h.String()
	require.NoError(t, rassim.FailAlways(rassim.GetConnectStatus, 5))
	require.NoError(t, rassim.FailAlways(rassim.GetConnectionStatistics, 635))
	require.NoError(t, rassim.FailAlways(rassim.GetProjectionInfoEx, 8))
	s := scrape(t, e)
	assert.Equal(t, 1.0, s.must(t, "ras_up"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_info", "handle", hs))
	assert.Empty(t, s.matching("ras_connection_state"))
	assert.Empty(t, s.matching("ras_connection_bytes_sent_total"))
	assert.Empty(t, s.matching("ras_connection_address_info"))
	assert.Equal(t, 1.0, s.must(t, "ras_call_failures_total", "call", "RasGetConnectStatusW", "code", "5"))
	assert.Equal(t, 1.0, s.must(t, "ras_call_failures_total", "call", "RasGetConnectionStatistics", "code", "635"))
	assert.Equal(t, 1.0, s.must(t, "ras_call_failures_total", "call", "RasGetProjectionInfoEx", "code", "8"))
	assert.Equal(t, 0.0, s.must(t, "ras_statistics_available"), "RasGetConnectionStatistics answers 635 to anything")

	require.NoError(t, rassim.ClearFaults())
	s = scrape(t, e)
	assert.Equal(t, 1.0, s.must(t, "ras_connection_state", "handle", hs, "state", "Connected"))
	assert.Equal(t, 0.0, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_address_info", "handle", hs, "address", "10.0.0.2"))
	assert.Equal(t, 1.0, s.must(t, "ras_statistics_available"))
}

// A connection that ends between the listing and a call about it is gone: it is left out of
// that scrape, with no failure. The simulator answers the call as Windows does for a handle that
// has ended (6, ERROR_INVALID_HANDLE), for the first connection listed.
func TestAConnectionThatEndsDuringTheScrapeIsLeftOut(t *testing.T) {
	for _, f := range []rassim.Func{rassim.GetConnectStatus, rassim.GetConnectionStatistics, rassim.GetProjectionInfoEx} {
		t.Run(f.String(), func(t *testing.T) {
			useSim(t)
			gone := add(t, officeVPN)
			stays := add(t, modem)
			e := startExporter(t)
			sampled(t, 2)
			require.NoError(t, rassim.FailNth(f, 1, 6))
			s := scrape(t, e)
			assert.Equal(t, 1.0, s.must(t, "ras_connections"))
			for _, name := range []string{"ras_connection_info", "ras_connection_state", "ras_connection_bytes_sent_total"} {
				assert.Empty(t, s.matching(name, "handle", gone.String()), name)
				assert.Len(t, s.matching(name, "handle", stays.String()), 1, name)
			}
			assert.Empty(t, s.matching("ras_call_failures_total"))
		})
	}
}

// Scrapes that arrive together take turns, and each one answers.
func TestConcurrentScrapesAllAnswer(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	setStats(t, h, rassim.Stats{BytesSent: 42})
	e := startExporter(t)
	type answer struct {
		code int
		body string
		err  error
	}
	done := make(chan answer)
	for range 4 {
		go func() {
			resp, err := http.Get("http://" + e.Addr().String() + "/metrics")
			if err != nil {
				done <- answer{err: err}
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			done <- answer{resp.StatusCode, string(body), err}
		}()
	}
	for range 4 {
		a := <-done
		require.NoError(t, a.err)
		assert.Equal(t, http.StatusOK, a.code)
		want := `ras_connection_bytes_sent_total{handle="` + h.String() + `",name="Office VPN"} 42`
		assert.True(t, strings.Contains(a.body, want), "no %s in the scrape", want)
	}
}

// Prometheus may scrape minutes apart, or stop a while: the exporter reads the statistics in
// between, so a counter that wraps several times between two scrapes is exported with every wrap.
// The simulator grows it at 1 GB/s, faster than a DWORD of bits per second can say; the link says
// 2^32-1 bit/s, so it is read every 2 s, and then every 1.07 s by the rate it grew at; it wraps
// every 4.3 s.
func TestACounterThatWrapsSeveralTimesBetweenTwoScrapesLosesNothing(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	e := startExporter(t)
	g := startGrowing(t, e, h, 0xFFFFFFFF-100_000_000, 1_000_000_000, math.MaxUint32)

	// Three wraps: the counter passes 3 × 2^32 8.7 s after it starts growing. The test reads the
	// statistics itself to know when; the exporter is not scraped meanwhile.
	deadline := time.Now().Add(60 * time.Second)
	for {
		st, err := ras.Statistics(h)
		require.NoError(t, err)
		if uint64(st.Duration/time.Millisecond)-g.grown >= 9000 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the simulator's clock did not go on")
		time.Sleep(200 * time.Millisecond)
	}
	_, got := g.check(t, scrape(t, e))
	assert.GreaterOrEqual(t, got, float64(3<<32), "three wraps")
}

// Windows started the connection's statistics again (a new era of the same connection): its
// counters and its duration went back. The exported counters reset, as Prometheus counters may;
// they do not jump by 4 GiB as they would for a wrap.
func TestAResetOfTheStatisticsIsExportedAsAReset(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	hs := h.String()
	setStats(t, h, rassim.Stats{BytesSent: 3_000_000_000, BytesReceived: 4_000_000_000, FramesSent: 70_000, Duration: 2 * time.Hour})
	e := startExporter(t)
	s := scrape(t, e)
	require.Equal(t, 3e9, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))

	setStats(t, h, rassim.Stats{BytesSent: 1000, BytesReceived: 2000, FramesSent: 3, Duration: time.Second})
	s = scrape(t, e)
	assert.Equal(t, 1000.0, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
	assert.Equal(t, 2000.0, s.must(t, "ras_connection_bytes_received_total", "handle", hs))
	assert.Equal(t, 3.0, s.must(t, "ras_connection_frames_sent_total", "handle", hs))
	assert.Less(t, s.must(t, "ras_connection_duration_seconds", "handle", hs), 60.0)

	// A counter that goes down while the duration goes on is a wrap, as before.
	d := s.must(t, "ras_connection_duration_seconds", "handle", hs)
	setStats(t, h, rassim.Stats{BytesSent: 500, BytesReceived: 2000, FramesSent: 3, Duration: time.Duration((d + 1) * float64(time.Second))})
	s = scrape(t, e)
	assert.Equal(t, float64(1000+(1<<32)-500), s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
}

// The exporter reads each connection's statistics every quarter of the time its byte counters
// take to wrap at the link's speed, between 1 and 15 s; a link speed of 0 or 2^32-1 (absurd, or
// lying) makes it neither stop nor spin, and counters faster than any link are read once a
// second.
func TestTheStatisticsIntervalFollowsTheLinkSpeedWithinItsBounds(t *testing.T) {
	useSim(t)
	want := map[uint32]float64{0: 15, math.MaxUint32: 2, 1_000_000_000: 8.589934592, 100_000_000: 15}
	handles := map[uint32]ras.Handle{}
	for bps := range want {
		h := add(t, rassim.Conn{Entry: fmt.Sprint(bps), DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)"})
		setStats(t, h, rassim.Stats{Bps: bps})
		handles[bps] = h
	}
	// 2 GB/s, on a link that says 0: a wrap every 2.1 s, far less than the 15 s the link gives.
	fast := add(t, rassim.Conn{Entry: "fast", DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)"})
	setStats(t, fast, rassim.Stats{BytesSentPerSecond: 2_000_000_000})
	e := startExporter(t)
	sampled(t, uint32(len(want)+1)) // the first reading of the fast one; the scrape's is the second
	s := scrape(t, e)
	for bps, h := range handles {
		assert.Equal(t, want[bps], s.must(t, "ras_connection_statistics_interval_seconds", "handle", h.String()), "%d bit/s", bps)
	}
	assert.Equal(t, 1.0, s.must(t, "ras_connection_statistics_interval_seconds", "handle", fast.String()), "the floor")
}

// The encryption label says what protects each tunnel: SSTP's TLS, L2TP's IPsec, PPTP's MPPE,
// IKEv2's cipher; a VPN device that does not name its tunnel is unknown, never none.
func TestTheEncryptionLabelIsEachTunnels(t *testing.T) {
	useSim(t)
	// SSTP and L2TP negotiate no MPPE inside their tunnel; PPTP does (128-bit).
	inside := rassim.Projection{Type: rassim.PPP, IPv4: netip.MustParseAddr("10.1.0.2"), AuthenticationProtocol: 0xC223, AuthenticationData: 0x81}
	pptp := inside
	pptp.CCPOptions = 0x40
	conns := []struct {
		device     string
		projection rassim.Projection
		labels     string
	}{
		{"WAN Miniport (SSTP)", inside, "authentication=mschapv2,encryption=tls,protocol=ppp,tunnel=sstp"},
		{"WAN Miniport (L2TP)", inside, "authentication=mschapv2,encryption=ipsec,protocol=ppp,tunnel=l2tp"},
		{"WAN Miniport (PPTP)", pptp, "authentication=mschapv2,encryption=mppe-128,protocol=ppp,tunnel=pptp"},
		{"WAN Miniport (IKEv2)", rassim.Projection{Type: rassim.IKEv2, IPv4: netip.MustParseAddr("10.1.0.3"), AuthenticationProtocol: 1, EncryptionMethod: 3},
			"authentication=machine-certificate,encryption=aes-128,protocol=ikev2,tunnel=ikev2"},
		{"Contoso VPN Adapter", inside, "authentication=mschapv2,encryption=unknown,protocol=ppp,tunnel=unknown"},
	}
	var want []string
	for i, c := range conns {
		name := fmt.Sprintf("vpn%d", i)
		h := add(t, rassim.Conn{Entry: name, DeviceType: "vpn", DeviceName: c.device})
		require.NoError(t, rassim.SetProjection(h, c.projection))
		want = append(want, c.labels+",handle="+h.String()+",name="+name)
	}
	e := startExporter(t)
	s := scrape(t, e)
	var got []string
	for _, set := range s.labelSets("ras_connection_projection_info") {
		// handle and name sort among the others: put them last, as want has them.
		var rest, ids []string
		for _, kv := range strings.Split(set, ",") {
			if strings.HasPrefix(kv, "handle=") || strings.HasPrefix(kv, "name=") {
				ids = append(ids, kv)
			} else {
				rest = append(rest, kv)
			}
		}
		got = append(got, strings.Join(append(rest, ids...), ","))
	}
	assert.ElementsMatch(t, want, got)
}

// BenchmarkSamplePass is one pass of the background sampling over four connections, all due: a
// listing and four readings of statistics. Against the simulator (no RPC to a RAS service) it is
// the exporter's own cost; README.md says what it comes to.
func BenchmarkSamplePass(b *testing.B) {
	useSim(b)
	for i := range 4 {
		setStats(b, add(b, rassim.Conn{Entry: fmt.Sprint("vpn", i), DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)"}),
			rassim.Stats{Bps: math.MaxUint32, BytesSentPerSecond: 100_000_000})
	}
	c := newCollector(slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range c.tracks {
			t.due = time.Time{}
		}
		c.sampleDue(time.Now())
	}
	require.Len(b, c.tracks, 4)
}
