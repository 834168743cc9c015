package agent_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"example.com/agent"
	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// TestMain ends the test binary with rassim.Exit, which Wine 8 cannot turn into a SIGKILL when a
// thread of RAS's is still ending as the tests end (see rassim.Exit).
func TestMain(m *testing.M) { rassim.Exit(m.Run()) }

// backend skips the test unless raswine exec runs it against the named rasapi32.
func backend(t *testing.T, want string) {
	t.Helper()
	if got := os.Getenv("WINRAS_BACKEND"); got != want {
		t.Skipf("needs the %s rasapi32 (raswine exec -backend %s); WINRAS_BACKEND=%q", want, want, got)
	}
}

func TestHangUpEntryHangsUpThatEntryOnly(t *testing.T) {
	backend(t, "sim")
	require.True(t, rassim.Available(), "WINRAS_BACKEND=sim, but System32's rasapi32.dll is not the simulator")
	require.NoError(t, rassim.Reset(rassim.Win7))
	office, err := rassim.Add(rassim.Conn{Entry: "Office VPN", DeviceType: "vpn"})
	require.NoError(t, err)
	lab, err := rassim.Add(rassim.Conn{Entry: "Lab VPN", DeviceType: "vpn"})
	require.NoError(t, err)

	n, err := agent.HangUpEntry(context.Background(), "Office VPN")
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, lab, conns[0].Handle)
	_, err = ras.Status(office)
	assert.ErrorIs(t, err, ras.ErrConnectionGone, "hung up and past its linger")
}

// Windows XP takes older RAS structures; a process learns which once, so each profile runs in a
// process of its own, as it would on Windows.
func TestHangUpEntryOnXP(t *testing.T) {
	backend(t, "sim")
	rassim.RunProfile(t, rassim.XP, func(t *testing.T) {
		h, err := rassim.Add(rassim.Conn{Entry: "Office VPN", DeviceType: "vpn"})
		require.NoError(t, err)
		st, err := ras.Status(h)
		require.NoError(t, err)
		assert.False(t, st.HasSubState, "XP's RASCONNSTATUS has no sub-state")
		n, err := agent.HangUpEntry(context.Background(), "Office VPN")
		require.NoError(t, err)
		assert.Equal(t, 1, n)
	})
}

// Wine's own rasapi32 lists nothing: there is nothing to hang up.
func TestHangUpEntryWithWinesBuiltin(t *testing.T) {
	backend(t, "builtin")
	n, err := agent.HangUpEntry(context.Background(), "Office VPN")
	require.NoError(t, err)
	assert.Zero(t, n)
}
