//go:build cgo

package ras_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

const (
	userBook = `C:\users\alice\AppData\Roaming\Microsoft\Network\Connections\Pbk\rasphone.pbk`
	allBook  = `C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk`
)

func addEntry(t *testing.T, e rassim.Entry) {
	t.Helper()
	require.NoError(t, rassim.AddEntry(e))
}

func TestEntriesListsEveryPhoneBook(t *testing.T) {
	useSim(t)
	addEntry(t, rassim.Entry{Name: "Office VPN", Phonebook: userBook})
	addEntry(t, rassim.Entry{Name: "Office VPN", Phonebook: allBook, AllUsers: true})
	addEntry(t, rassim.Entry{Name: "Lab ünïcode 😀", Phonebook: allBook, AllUsers: true})
	list, err := ras.Entries("")
	require.NoError(t, err)
	assert.Equal(t, []ras.Entry{
		{Name: "Office VPN", Phonebook: userBook},
		{Name: "Office VPN", Phonebook: allBook, AllUsers: true},
		{Name: "Lab ünïcode 😀", Phonebook: allBook, AllUsers: true},
	}, list)

	list, err = ras.Entries(allBook)
	require.NoError(t, err)
	assert.Equal(t, []ras.Entry{
		{Name: "Office VPN", Phonebook: allBook, AllUsers: true},
		{Name: "Lab ünïcode 😀", Phonebook: allBook, AllUsers: true},
	}, list, "one phone book")
}

func TestEntriesOfNoEntriesIsEmptyNotNil(t *testing.T) {
	useSim(t)
	list, err := ras.Entries("")
	require.NoError(t, err)
	assert.NotNil(t, list)
	assert.Empty(t, list)
	list, err = ras.Entries(`C:\nowhere.pbk`)
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestEntriesRetriesWhenAnEntryAppearsBetweenProbeAndFill(t *testing.T) {
	useSim(t)
	addEntry(t, rassim.Entry{Name: "A", Phonebook: userBook})
	require.NoError(t, rassim.ResetCalls())
	require.NoError(t, rassim.FailNth(rassim.EnumEntries, 1, uint32(errBufferSmall)))
	list, err := ras.Entries("")
	require.NoError(t, err)
	assert.Len(t, list, 1)
	assert.Equal(t, uint32(2), rassim.Calls(rassim.EnumEntries), "one 603, then the fill")
}

func TestEntriesGivesUpOnEndlessBufferTooSmall(t *testing.T) {
	useSim(t)
	addEntry(t, rassim.Entry{Name: "A", Phonebook: userBook})
	require.NoError(t, rassim.FailAlways(rassim.EnumEntries, uint32(errBufferSmall)))
	_, err := ras.Entries("")
	assert.ErrorIs(t, err, errBufferSmall)
	assert.ErrorContains(t, err, "RasEnumEntriesW")
	assert.LessOrEqual(t, rassim.Calls(rassim.EnumEntries), uint32(10), "bounded")
}

func TestEntriesRefusesWhatCannotBeTrue(t *testing.T) {
	useSim(t)
	addEntry(t, rassim.Entry{Name: "A", Phonebook: userBook})
	require.NoError(t, rassim.LieCount(rassim.EnumEntries, 100_000))
	_, err := ras.Entries("")
	assert.ErrorIs(t, err, errInvalidData)
	assert.ErrorContains(t, err, "RasEnumEntriesW reported 100000 entries in a buffer that holds")

	require.NoError(t, rassim.ClearFaults())
	require.NoError(t, rassim.FailNth(rassim.EnumEntries, 1, uint32(errBufferSmall)))
	require.NoError(t, rassim.LieNeeded(rassim.EnumEntries, 0xFFFFFFF0))
	_, err = ras.Entries("")
	assert.ErrorIs(t, err, errInvalidData)
	assert.ErrorContains(t, err, "RasEnumEntriesW answered 603 asking for 4294967280 bytes")
}

func TestEntriesRefusesACountOneItemPastTheBuffer(t *testing.T) {
	useSim(t)
	addEntry(t, rassim.Entry{Name: "A", Phonebook: userBook})
	require.NoError(t, rassim.LieCountPastBuffer(rassim.EnumEntries))
	_, err := ras.Entries("")
	assert.ErrorIs(t, err, errInvalidData)
	requireOnePast(t, err, "entries")
}

func TestEntriesReadUnterminatedNamesAndPathsWholeAndNoFurther(t *testing.T) {
	useSim(t)
	// All users': REN_AllUsers (1) follows the name, where a read one character too far finds it.
	addEntry(t, rassim.Entry{Name: "Office VPN", Phonebook: allBook, AllUsers: true, Unterminated: rassim.FieldEntry})
	addEntry(t, rassim.Entry{Name: "Lab", Phonebook: allBook, AllUsers: true, Unterminated: rassim.FieldEntry | rassim.FieldPhonebook})
	list, err := ras.Entries("")
	require.NoError(t, err)
	assert.Equal(t, []ras.Entry{
		{Name: filled("Office VPN", 257), Phonebook: allBook, AllUsers: true},
		{Name: filled("Lab", 257), Phonebook: filled(allBook, 261), AllUsers: true},
	}, list)
}
