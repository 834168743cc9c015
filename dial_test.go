package ras

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const secret = "hunter2-Secret"

func TestDialParamsNeverPrintThePassword(t *testing.T) {
	p := DialParams{Entry: "Office VPN", Phonebook: `C:\pbk\rasphone.pbk`, User: "alice", Password: secret, Domain: "CORP"}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("dial", "params", p)
	js, err := json.Marshal(p)
	require.NoError(t, err)
	for _, s := range []string{
		p.String(), fmt.Sprint(p), fmt.Sprintf("%v|%+v|%#v|%s|%q", p, p, p, p, p), fmt.Sprintf("%v", &p),
		logged.String(), string(js),
	} {
		assert.NotContains(t, s, secret)
		assert.NotContains(t, s, "hunter2")
	}
	assert.Equal(t, `entry "Office VPN" of "C:\\pbk\\rasphone.pbk", user "alice", password set, domain "CORP"`, p.String())
	assert.Contains(t, logged.String(), "password set")
	assert.Equal(t, `entry "VPN", saved credentials`, DialParams{Entry: "VPN"}.String())
	assert.Equal(t, `entry "VPN", user "bob", no password`, DialParams{Entry: "VPN", User: "bob"}.String())
}

func TestDialParamsCheckNamesTheFieldWindowsCouldNotTake(t *testing.T) {
	for _, c := range []struct {
		p    DialParams
		want string
	}{
		{DialParams{}, "DialParams.Entry is empty"},
		{DialParams{Entry: strings.Repeat("e", 257)}, "DialParams.Entry is 257 characters long; Windows takes at most 256"},
		{DialParams{Entry: "VPN", Phonebook: strings.Repeat("p", 260)}, "DialParams.Phonebook is 260 characters"},
		{DialParams{Entry: "VPN", User: strings.Repeat("u", 257)}, "DialParams.User is 257 characters"},
		{DialParams{Entry: "VPN", Password: strings.Repeat("x", 257)}, "DialParams.Password is 257 characters"},
		{DialParams{Entry: "VPN", Domain: strings.Repeat("d", 16)}, "DialParams.Domain is 16 characters long; Windows takes at most 15"},
		{DialParams{Entry: "VPN", Password: "a\x00b"}, "DialParams.Password contains a NUL character"},
		// Characters outside the BMP take two UTF-16 units each, as Windows counts them.
		{DialParams{Entry: strings.Repeat("😀", 129)}, "DialParams.Entry is 258 characters"},
	} {
		err := c.p.check()
		if assert.Error(t, err, "%v", c.p) {
			assert.Contains(t, err.Error(), c.want)
			assert.NotContains(t, err.Error(), "xxx")
		}
	}
	assert.NoError(t, DialParams{Entry: strings.Repeat("😀", 128), Domain: strings.Repeat("d", 15)}.check())
}

func TestDialErrorNamesEntryStateAndCode(t *testing.T) {
	err := &DialError{Entry: "Office VPN", State: Authenticate, Err: &Error{Call: "RasDialW", Code: 691, Message: "denied"}, ExtendedCode: 13801}
	assert.Equal(t, `ras: dial of "Office VPN" failed at Authenticate: ras: RasDialW: error 691: denied (extended error 13801)`, err.Error())
	assert.ErrorIs(t, err, Errno(691))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "RasDialW", e.Call)
}
