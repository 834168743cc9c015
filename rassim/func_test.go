package rassim

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEnumStringsNameKnownValuesAndNumberOthers(t *testing.T) {
	assert.Equal(t, "EnumConnections", EnumConnections.String())
	assert.Equal(t, "ConnectionNotification", ConnectionNotification.String())
	assert.Equal(t, "EnumEntries", EnumEntries.String())
	assert.Equal(t, "GetProjectionInfoEx", GetProjectionInfoEx.String())
	assert.Equal(t, "ikev2", IKEv2.String())
	assert.Equal(t, "none", NotProjected.String())
	assert.Equal(t, "ProjectionType(3)", ProjectionType(3).String())
	assert.Equal(t, "Func(42)", Func(42).String())
	assert.Equal(t, "Func(4294967295)", Func(0xffffffff).String(), "no index past the names, on 386 too")
	assert.Equal(t, "Win7", Win7.String())
	assert.Equal(t, "XP", XP.String())
	assert.Equal(t, "Win10", Win10.String())
	assert.Equal(t, "DialEntry", DialEntry.String())
	assert.Equal(t, "GetEntryDialParams", GetEntryDialParams.String())
	assert.Equal(t, "Profile(7)", Profile(7).String())
}
