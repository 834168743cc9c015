//go:build windows

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

func TestLinksPrintsEveryLinkOfTheConnection(t *testing.T) {
	useSim(t, rassim.Win7)
	office, err := rassim.Add(simOffice)
	require.NoError(t, err)
	require.NoError(t, rassim.AddLink(office))
	require.NoError(t, rassim.AddLink(office))
	require.NoError(t, rassim.RemoveLink(office))
	one, err := rassim.SubEntryHandle(office, 1)
	require.NoError(t, err)
	two, err := rassim.SubEntryHandle(office, 2)
	require.NoError(t, err)

	r := rasctl(t, "links", "Office VPN", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.JSONEq(t, fmt.Sprintf(`[{"link": 1, "handle": %q, "connected": true},
		{"link": 2, "handle": %q, "connected": true},
		{"link": 3, "handle": null, "connected": false}]`, one, two), r.stdout)

	r = rasctl(t, "links", office.String())
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, fmt.Sprintf("LINK  CONNECTED  HANDLE\n1     true       %s\n2     true       %s\n3     false      -\n", one, two), r.stdout)
}

func TestLinksOfAConnectionThatIsNotMultilinkExitsWith0(t *testing.T) {
	useSim(t, rassim.Win7)
	lab, err := rassim.Add(simLab)
	require.NoError(t, err)
	one, err := rassim.SubEntryHandle(lab, 1)
	require.NoError(t, err)
	r := rasctl(t, "links", "Lab VPN", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.JSONEq(t, fmt.Sprintf(`[{"link": 1, "handle": %q, "connected": true}]`, one), r.stdout)
}

func TestHangupLinkHangsUpThatLinkAndTheConnectionStays(t *testing.T) {
	useSim(t, rassim.Win7)
	require.NoError(t, rassim.SetLinger(300*time.Millisecond))
	office, err := rassim.Add(simOffice)
	require.NoError(t, err)
	require.NoError(t, rassim.AddLink(office))

	r := rasctl(t, "hangup", "Office VPN", "--link", "2", "--timeout", "10s", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	var answer map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &answer))
	assert.Len(t, answer, 4, r.stdout)
	assert.JSONEq(t, "2", string(answer["link"]))
	assert.JSONEq(t, "true", string(answer["terminated"]))
	var conn connJSON
	require.NoError(t, json.Unmarshal(answer["connection"], &conn))
	assert.Equal(t, office.String(), conn.Handle)
	var waited int64
	require.NoError(t, json.Unmarshal(answer["waited_ms"], &waited))
	assert.Less(t, waited, int64(10000), "seen when the link went, not at the timeout")
	keys := []int{strings.Index(r.stdout, `"connection"`), strings.Index(r.stdout, `"link"`),
		strings.Index(r.stdout, `"terminated"`), strings.Index(r.stdout, `"waited_ms"`)}
	assert.IsIncreasing(t, keys, "in the issue's order")

	links, err := ras.Links(office)
	require.NoError(t, err)
	assert.Equal(t, []bool{true, false}, []bool{links[0].Connected, links[1].Connected}, "link 2 is down when hangup returns")
	assert.Equal(t, 0, rasctl(t, "status", "Office VPN").code, "the connection stays")

	r = rasctl(t, "hangup", "Office VPN", "--link", "1")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, `^hung up link 1 of `+office.String()+` \(Office VPN\) in \d+ms\n$`, r.stdout)
}

func TestHangupLinkThatIsNotConnectedExitsWith1(t *testing.T) {
	useSim(t, rassim.Win7)
	office, err := rassim.Add(simOffice)
	require.NoError(t, err)
	require.NoError(t, rassim.AddLink(office))
	require.NoError(t, rassim.RemoveLink(office))
	r := rasctl(t, "hangup", "Office VPN", "--link", "2", "--json")
	assert.Equal(t, 1, r.code)
	var failure struct {
		Error struct {
			Call string
			Code uint32
		}
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &failure), r.stdout)
	assert.Equal(t, uint32(618), failure.Error.Code)
	assert.Contains(t, r.stderr, "rasctl hangup: link 2 of "+office.String()+" (Office VPN): ")
	assert.Equal(t, []ras.Handle{office}, mustConnections(t), "nothing was hung up")

	r = rasctl(t, "hangup", "Office VPN", "--link", "0")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "--link 0: links are numbered from 1")
}

func mustConnections(t *testing.T) []ras.Handle {
	t.Helper()
	hs, err := rassim.Connections()
	require.NoError(t, err)
	return hs
}

func TestWatchReportsLinksOfAMultilinkConnection(t *testing.T) {
	useSim(t, rassim.Win7)
	require.NoError(t, rassim.SetLinger(0))
	office, err := rassim.Add(simOffice)
	require.NoError(t, err)
	require.NoError(t, rassim.AddLink(office))
	watch := startWatch(t, "--json")

	require.NoError(t, rassim.AddLink(office))
	line := readLine(t, watch.out)
	var e map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(line), &e), line)
	assert.Len(t, e, 4, line)
	assert.JSONEq(t, `"link_added"`, string(e["event"]))
	assert.JSONEq(t, "3", string(e["link"]))
	var conn connJSON
	require.NoError(t, json.Unmarshal(e["connection"], &conn))
	assert.Equal(t, office.String(), conn.Handle)
	assert.Contains(t, e, "time")

	require.NoError(t, rassim.RemoveLink(office))
	ev := readEvent(t, watch.out)
	assert.Equal(t, "link_removed", ev.Event)
	pressCtrlC(t, watch.cmd.Process.Pid)
	code, _ := watch.wait(t)
	assert.Equal(t, 0, code)

	text := startWatch(t)
	readLine(t, text.out) // the header
	require.NoError(t, rassim.AddLink(office))
	assert.Regexp(t, `^\d\d:\d\d:\d\d\.\d{3}  link 3 added `+office.String()+` Office VPN\n$`, readLine(t, text.out))
	require.NoError(t, rassim.RemoveLink(office))
	assert.Regexp(t, `^\d\d:\d\d:\d\d\.\d{3}  link 3 removed `+office.String()+` Office VPN\n$`, readLine(t, text.out))
	pressCtrlC(t, text.cmd.Process.Pid)
	code, _ = text.wait(t)
	assert.Equal(t, 0, code)
}
