package ras

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProtocolAuthenticationAndEncryptionHaveNames(t *testing.T) {
	assert.Equal(t, "ppp", ProtocolPPP.String())
	assert.Equal(t, "ikev2", ProtocolIKEv2.String())
	assert.Equal(t, "Protocol(3)", Protocol(3).String())
	assert.Equal(t, "mschapv2", AuthMSCHAPv2.String())
	assert.Equal(t, "machine-certificate", AuthMachineCertificate.String())
	assert.Equal(t, "unknown", AuthUnknown.String())
	assert.Equal(t, "Authentication(0xc22306)", Authentication(0xC22306).String())
	assert.Equal(t, "aes-256", EncryptionAES256.String())
	assert.Equal(t, "mppe-128", EncryptionMPPE128.String())
	assert.Equal(t, "Encryption(0x9)", Encryption(9).String())
}

func TestPPPAuthenticationTakesTheDataOnlyForCHAP(t *testing.T) {
	assert.Equal(t, AuthMSCHAPv2, pppAuthentication(0xC223, 0x81))
	assert.Equal(t, AuthCHAP, pppAuthentication(0xC223, 0x05))
	assert.Equal(t, AuthMSCHAP, pppAuthentication(0xC223, 0x80))
	assert.Equal(t, AuthPAP, pppAuthentication(0xC023, 0x81), "PAP's data means nothing")
	assert.Equal(t, AuthEAP, pppAuthentication(0xC227, 0))
	assert.Equal(t, AuthSPAP, pppAuthentication(0xC027, 0))
}

func TestPPPEncryptionIsTheStrongestMPPEKey(t *testing.T) {
	assert.Equal(t, EncryptionNone, pppEncryption(0x1)) // compression only
	assert.Equal(t, EncryptionMPPE40, pppEncryption(0x20))
	assert.Equal(t, EncryptionMPPE56, pppEncryption(0x30))
	assert.Equal(t, EncryptionMPPE128, pppEncryption(0x71))
}

func TestAddrOfAllZerosIsNoAddress(t *testing.T) {
	assert.False(t, addrOf(make([]byte, 4)).IsValid())
	assert.False(t, addrOf(make([]byte, 16)).IsValid())
	assert.Equal(t, netip.MustParseAddr("10.0.0.2"), addrOf([]byte{10, 0, 0, 2}))
}

func TestAnHRESULTReadsAsOneAndMatchesItsWin32Code(t *testing.T) {
	e := &Error{Call: "RasGetConnectionStatistics", Code: 0x80070057, Message: "The parameter is incorrect."}
	assert.Equal(t, "ras: RasGetConnectionStatistics: error 0x80070057: The parameter is incorrect.", e.Error())
	assert.ErrorIs(t, e, Errno(87))
	assert.ErrorIs(t, e, Errno(0x80070057))
	assert.NotErrorIs(t, &Error{Code: 0x80004005}, Errno(0x4005), "not FACILITY_WIN32")
}

func TestProjectionCodesMatchTheirSentinels(t *testing.T) {
	for _, c := range []struct {
		code Errno
		is   error
	}{{730, ErrNotProjected}, {731, ErrProtocolNotConfigured}} {
		err := fmt.Errorf("wrapped: %w", &Error{Call: "RasGetProjectionInfoEx", Code: c.code})
		assert.ErrorIs(t, err, c.is)
		for _, other := range []error{ErrNotProjected, ErrProtocolNotConfigured, ErrProjectionUnavailable, ErrConnectionGone} {
			if other != c.is {
				assert.NotErrorIs(t, err, other, "%d", c.code)
			}
		}
	}
}
