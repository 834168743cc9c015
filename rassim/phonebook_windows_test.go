//go:build windows

package rassim

import (
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

const (
	bookA = `C:\pbk\a.pbk`
	bookB = `C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk`
)

// entryLayout is RASENTRYNAMEW (ch 2) or RASENTRYNAMEA (ch 1).
type entryLayout struct {
	ch              int
	sizes           []uint32 // 0x400, 0x500
	flags, pbkPath  int
	proc            *windows.LazyProc
	nameLen, pbkLen int
}

var (
	entryW = entryLayout{ch: 2, sizes: []uint32{520, 1048}, flags: 520, pbkPath: 524, proc: procEnumEntriesW, nameLen: 257, pbkLen: 261}
	entryA = entryLayout{ch: 1, sizes: []uint32{264, 532}, flags: 264, pbkPath: 268, proc: procEnumEntriesA, nameLen: 257, pbkLen: 261}
)

// enumEntries calls RasEnumEntries for book (nil: NULL) with a buffer of cb bytes whose first
// dwSize is size (no buffer when cb is 0), followed by guard bytes of 0xCC.
func (l entryLayout) enum(book []byte, size, cb uint32) enumResult {
	r := enumResult{cb: cb}
	var buf uintptr
	if cb > 0 {
		r.buf = make([]byte, int(cb)+guard)
		for i := range r.buf {
			r.buf[i] = 0xCC
		}
		putU32(r.buf, 0, size)
		buf = bufPtr(r.buf)
	}
	var b uintptr
	if book != nil {
		b = uintptr(unsafe.Pointer(&book[0]))
	}
	r.rc = rasCall(l.proc, 0, b, buf, ptr(&r.cb), ptr(&r.count))
	runtime.KeepAlive(book)
	runtime.KeepAlive(r.buf)
	return r
}

// book is a phone-book path in the layout's characters, terminated; nil for NULL.
func (l entryLayout) book(path string) []byte {
	if l.ch == 1 {
		return append([]byte(path), 0)
	}
	u := windows.StringToUTF16(path)
	return unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), 2*len(u))
}

// listedEntries reads the entries of a successful answer: name, flags, phone book.
func (l entryLayout) entries(r enumResult, size uint32) [][3]string {
	var out [][3]string
	for i := 0; i < int(r.count); i++ {
		e := r.buf[i*int(size):]
		row := [3]string{str(e, 4, l.nameLen, l.ch)}
		if size == l.sizes[1] {
			row[1] = itoa(u32(e, l.flags))
			row[2] = str(e, l.pbkPath, l.pbkLen, l.ch)
		}
		out = append(out, row)
	}
	return out
}

func threeEntries(t *testing.T) {
	addEntry(t, Entry{Name: "Office", Phonebook: bookA})
	addEntry(t, Entry{Name: "Lab", Phonebook: bookB, AllUsers: true})
	addEntry(t, Entry{Name: "Home", Phonebook: bookA})
}

func TestRawEntryMatchesRASSIM_ENTRY(t *testing.T) {
	assert.EqualValues(t, 3188, unsafe.Sizeof(rawEntry{}))
	assert.EqualValues(t, 544, unsafe.Offsetof(rawEntry{}.Name))
	assert.EqualValues(t, 3156, unsafe.Offsetof(rawEntry{}.Domain))
	assert.EqualValues(t, 16, unsafe.Sizeof(rawStep{}))

	requireSim(t)
	raw := rawEntry{Size: 3184}
	raw.Name[0] = 'x'
	assert.EqualValues(t, errInvalidParameter, rasCall(procAddEntry, ptr(&raw)), "a RASSIM_ENTRY of another size")
	raw.Size = 3188
	raw.Flags = 0x10
	assert.EqualValues(t, errInvalidParameter, rasCall(procAddEntry, ptr(&raw)), "an unknown flag")
	raw.Flags = 0
	raw.Steps = 33
	assert.EqualValues(t, errInvalidParameter, rasCall(procAddEntry, ptr(&raw)), "33 steps")
	raw.Steps = 1
	raw.Script[0].State = rascsConnected
	assert.EqualValues(t, errInvalidParameter, rasCall(procAddEntry, ptr(&raw)), "a step that says Connected")
	raw.Script[0] = rawStep{State: 1, DelayUs: 3_600_000_001}
	assert.EqualValues(t, errInvalidParameter, rasCall(procAddEntry, ptr(&raw)), "a delay over an hour")
	raw.Script[0].DelayUs = 3_600_000_000
	assert.EqualValues(t, 0, rasCall(procAddEntry, ptr(&raw)), "an hour")
	raw.Name[0] = 0
	assert.EqualValues(t, errInvalidParameter, rasCall(procAddEntry, ptr(&raw)), "no name")
}

func TestEnumEntriesListsUnterminatedNamesAndPathsWhole(t *testing.T) {
	requireSim(t)
	addEntry(t, Entry{Name: "Office", Phonebook: bookA, AllUsers: true, Unterminated: FieldEntry})
	addEntry(t, Entry{Name: "Lab", Phonebook: bookB, Unterminated: FieldPhonebook})
	addEntry(t, Entry{Name: "Home", Phonebook: bookA, Unterminated: FieldEntry | FieldPhonebook})
	for _, l := range []entryLayout{entryW, entryA} {
		r := l.enum(nil, l.sizes[1], 3*l.sizes[1])
		require.EqualValues(t, 0, r.rc, l.proc.Name)
		assert.Equal(t, [][3]string{
			{repeated("Office", 257), "1", bookA},
			{"Lab", "0", repeated(bookB, 261)},
			{repeated("Home", 257), "0", repeated(bookA, 261)},
		}, l.entries(r, l.sizes[1]), l.proc.Name)
	}
	es, err := Entries()
	require.NoError(t, err)
	assert.Equal(t, []Fields{FieldEntry, FieldPhonebook, FieldEntry | FieldPhonebook},
		[]Fields{es[0].Unterminated, es[1].Unterminated, es[2].Unterminated})
	assert.Equal(t, "Office", es[0].Name, "the entry keeps its name")
	rc, h := dialSync("office")
	assert.EqualValues(t, 0, rc, "and is dialled by it")
	hangUp(t, h)
	assert.Error(t, AddEntry(Entry{Name: "x", Unterminated: FieldDeviceName}), "a field RasEnumEntries does not list")
}

func TestAddEntryReplacesTheEntryOfTheSameNameInTheSameBook(t *testing.T) {
	requireSim(t)
	threeEntries(t)
	addEntry(t, Entry{Name: "OFFICE", Phonebook: strings.ToUpper(bookA), PhoneNumber: "vpn2.example.com",
		Script: []Step{{State: ras.OpenPort, Delay: 1500 * time.Microsecond}}, ConnectDelay: time.Second,
		User: "alice", Password: "secret", Domain: "CORP", Saved: true, DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)",
		EntryID: windows.GUID{Data1: 7}})
	addEntry(t, Entry{Name: "Office", Phonebook: bookB, AllUsers: true})
	es, err := Entries()
	require.NoError(t, err)
	require.Len(t, es, 4, "the same name in another book is another entry")
	assert.Equal(t, []string{"OFFICE", "Lab", "Home", "Office"}, []string{es[0].Name, es[1].Name, es[2].Name, es[3].Name},
		"the replaced entry keeps its place")
	assert.Equal(t, Entry{Name: "OFFICE", Phonebook: strings.ToUpper(bookA), PhoneNumber: "vpn2.example.com",
		Script: []Step{{State: ras.OpenPort, Delay: 1500 * time.Microsecond}}, ConnectDelay: time.Second,
		User: "alice", Password: "secret", Domain: "CORP", Saved: true, DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)",
		EntryID: windows.GUID{Data1: 7}}, es[0])
	assert.Nil(t, es[1].Script, "the default script")
	assert.True(t, es[1].AllUsers)

	require.NoError(t, RemoveEntry(bookA, "office"))
	require.NoError(t, RemoveEntry("", "Lab"), "from any book")
	assert.ErrorIs(t, RemoveEntry(bookA, "Lab"), windows.Errno(errCannotFindEntry))
	es, err = Entries()
	require.NoError(t, err)
	assert.Len(t, es, 2)

	require.NoError(t, Reset(Win7))
	es, err = Entries()
	require.NoError(t, err)
	assert.Empty(t, es, "Reset removes every entry")
}

func TestAddEntryWithoutAPhoneBookUsesTheDefaultOne(t *testing.T) {
	requireSim(t)
	addEntry(t, Entry{Name: "mine"})
	addEntry(t, Entry{Name: "everyone's", AllUsers: true})
	es, err := Entries()
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.True(t, strings.HasSuffix(es[0].Phonebook, `\Microsoft\Network\Connections\Pbk\rasphone.pbk`), es[0].Phonebook)
	assert.True(t, strings.HasSuffix(es[1].Phonebook, `\Microsoft\Network\Connections\Pbk\rasphone.pbk`), es[1].Phonebook)
	assert.NotEqual(t, strings.ToLower(es[0].Phonebook), strings.ToLower(es[1].Phonebook), "the user's and All Users' books")
}

func TestAddEntryRefusesWhatRASCannotHold(t *testing.T) {
	requireSim(t)
	for _, e := range []Entry{
		{},
		{Name: string(repeat('e', 257))},
		{Name: "x", Phonebook: string(repeat('p', 260))},
		{Name: "x", Domain: string(repeat('d', 16))},
		{Name: "x", Password: string(repeat('p', 257))},
		{Name: "x", Script: make([]Step, 33)},
		{Name: "x", Script: []Step{{State: ras.Connected}}},
		{Name: "x", Script: []Step{{State: ras.Disconnected}}},
		{Name: "x", Script: []Step{{Delay: -time.Millisecond}}},
		{Name: "x", ConnectDelay: 2 * time.Hour},
		{Name: "nul\x00inside"},
	} {
		assert.Error(t, AddEntry(e), "%+v", e)
	}
	es, err := Entries()
	require.NoError(t, err)
	assert.Empty(t, es)

	for i := 0; i < MaxEntries; i++ {
		addEntry(t, Entry{Name: "e" + itoa(uint32(i)), Phonebook: bookA})
	}
	assert.ErrorIs(t, AddEntry(Entry{Name: "one too many", Phonebook: bookA}), windows.ERROR_NOT_ENOUGH_MEMORY)
	addEntry(t, Entry{Name: "E0", Phonebook: bookA, PhoneNumber: "replacing takes no room"})
}

func TestEnumEntriesListsEveryBookInTheOrderAdded(t *testing.T) {
	requireSim(t)
	threeEntries(t)
	for _, l := range []entryLayout{entryW, entryA} {
		for _, book := range [][]byte{nil, l.book("")} {
			pr := l.enum(book, 0, 0)
			require.EqualValues(t, errBufferTooSmall, pr.rc, "the probe")
			assert.EqualValues(t, 3*l.sizes[1], pr.cb, "three entries at the newest size")
			assert.EqualValues(t, 3, pr.count)

			r := l.enum(book, l.sizes[1], pr.cb)
			require.EqualValues(t, 0, r.rc)
			assert.EqualValues(t, 3, r.count)
			assert.EqualValues(t, 3*l.sizes[1], r.cb)
			assert.Equal(t, [][3]string{{"Office", "0", bookA}, {"Lab", "1", bookB}, {"Home", "0", bookA}}, l.entries(r, l.sizes[1]),
				"REN_AllUsers for the All Users book")
			for i := 0; i < 3; i++ {
				assert.EqualValues(t, l.sizes[1], u32(r.buf, i*int(l.sizes[1])), "every element's dwSize")
			}
			for i, b := range r.buf[3*l.sizes[1]:] {
				require.EqualValues(t, 0xCC, b, "byte %d past the entries", i)
			}

			r = l.enum(book, l.sizes[0], 3*l.sizes[0])
			require.EqualValues(t, 0, r.rc)
			assert.Equal(t, [][3]string{{"Office"}, {"Lab"}, {"Home"}}, l.entries(r, l.sizes[0]), "0x400: names only")
			for i, b := range r.buf[3*l.sizes[0]:] {
				require.EqualValues(t, 0xCC, b, "byte %d past the entries", i)
			}
		}
	}
}

func TestEnumEntriesListsOneBookIgnoringCase(t *testing.T) {
	requireSim(t)
	threeEntries(t)
	for _, l := range []entryLayout{entryW, entryA} {
		book := l.book(strings.ToUpper(bookA))
		pr := l.enum(book, 0, 0)
		require.EqualValues(t, errBufferTooSmall, pr.rc)
		assert.EqualValues(t, 2*l.sizes[1], pr.cb)
		assert.EqualValues(t, 2, pr.count)
		r := l.enum(book, l.sizes[1], pr.cb)
		require.EqualValues(t, 0, r.rc)
		assert.Equal(t, [][3]string{{"Office", "0", bookA}, {"Home", "0", bookA}}, l.entries(r, l.sizes[1]))

		r = l.enum(l.book(`C:\pbk\none.pbk`), 0, 0)
		assert.EqualValues(t, 0, r.rc, "an unknown book has no entries: the probe succeeds")
		assert.Zero(t, r.cb)
		assert.Zero(t, r.count)
		r = l.enum(l.book(`C:\pbk\none.pbk`), l.sizes[1], l.sizes[1])
		assert.EqualValues(t, 0, r.rc)
		assert.Zero(t, r.count)
	}
}

func TestEnumEntriesSizesAsEnumConnectionsDoes(t *testing.T) {
	requireSim(t)
	threeEntries(t)
	for _, p := range []Profile{Win7, XP, Win10} {
		require.NoError(t, Reset(p))
		threeEntries(t)
		for _, l := range []entryLayout{entryW, entryA} {
			for _, size := range l.sizes {
				r := l.enum(nil, size, 2*size)
				assert.EqualValues(t, errBufferTooSmall, r.rc, "%v: room for two of three", p)
				assert.EqualValues(t, 3*size, r.cb, "the bytes needed at the caller's dwSize")
				assert.EqualValues(t, 3, r.count)

				r = l.enum(nil, size, size-1)
				assert.EqualValues(t, errBufferTooSmall, r.rc, "less than dwSize")
				assert.EqualValues(t, 3*size, r.cb)
			}
			for _, size := range []uint32{0, 4, l.sizes[0] - 4, l.sizes[0] + 4, l.sizes[1] - 4, l.sizes[1] + 4, 1000} {
				r := l.enum(nil, size, 4000)
				assert.EqualValues(t, errInvalidSize, r.rc, "%v: dwSize %d", p, size)
			}
		}
	}
	require.NoError(t, Reset(Win7))
	r := entryW.enum(nil, entryW.sizes[1], entryW.sizes[1]-1)
	assert.EqualValues(t, errBufferTooSmall, r.rc, "a buffer below dwSize, even with no entries")
	assert.EqualValues(t, entryW.sizes[1], r.cb)
	assert.Zero(t, r.count)

	var cb, n uint32
	assert.EqualValues(t, errInvalidParameter, rasCall(procEnumEntriesW, 0, 0, 0, 0, ptr(&n)), "NULL lpcb")
	assert.EqualValues(t, errInvalidParameter, rasCall(procEnumEntriesW, 0, 0, 0, ptr(&cb), 0), "NULL lpcEntries")
	assert.EqualValues(t, errInvalidParameter, rasCall(procEnumEntriesW, 1, 0, 0, ptr(&cb), ptr(&n)), "reserved")
}

func TestEnumEntriesInjected603ReadsAsOneMoreEntryAndLiesApply(t *testing.T) {
	requireSim(t)
	threeEntries(t)
	require.NoError(t, FailNth(EnumEntries, 1, errBufferTooSmall))
	r := entryW.enum(nil, entryW.sizes[0], 10*entryW.sizes[0])
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, 4*entryW.sizes[0], r.cb, "room for one more, at the caller's dwSize")
	assert.EqualValues(t, 4, r.count)
	require.NoError(t, FailNth(EnumEntries, 1, errBufferTooSmall))
	r = entryW.enum(entryW.book(bookA), 0, 0)
	assert.EqualValues(t, 3*entryW.sizes[1], r.cb, "one more than the book's two, at the newest size")
	assert.EqualValues(t, 3, r.count)

	require.NoError(t, LieNeeded(EnumEntries, 0xFFFFFFF0))
	require.NoError(t, LieCount(EnumEntries, 9))
	r = entryW.enum(nil, 0, 0)
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, uint32(0xFFFFFFF0), r.cb, "LieNeeded")
	assert.EqualValues(t, 3, r.count, "a 603 is not a success")
	r = entryW.enum(nil, entryW.sizes[1], 3*entryW.sizes[1])
	assert.EqualValues(t, 0, r.rc)
	assert.EqualValues(t, 9, r.count, "LieCount")
	assert.EqualValues(t, 3*entryW.sizes[1], r.cb, "the size tells the truth")
	assert.Equal(t, "Home", str(r.buf, 2*int(entryW.sizes[1])+4, 257, 2), "the buffer holds what there is")
}

func TestGetEntryDialParamsGivesTheSavedCredentialsButNotThePassword(t *testing.T) {
	requireSim(t)
	addEntry(t, Entry{Name: "Saved", Phonebook: bookA, User: "alice", Password: "secret", Domain: "CORP", Saved: true})
	addEntry(t, Entry{Name: "Unsaved", Phonebook: bookA, User: "bob", Password: "hunter2", Domain: "LAB"})
	for _, size := range dialParamsSizes[:3] {
		params := newParams(size, "saved")
		putStr(params, dpPhone, "kept")
		var saved uint32 = 7
		require.EqualValues(t, 0, getEntryDialParams(nil, params, &saved), "dwSize %d", size)
		assert.EqualValues(t, 1, saved, "lpfPassword TRUE")
		assert.Equal(t, "alice", str(params, dpUser, 257, 2))
		assert.Equal(t, SavedPassword, str(params, dpPassword, 257, 2), "a stand-in, never the password")
		assert.Equal(t, "CORP", str(params, dpDomain, 16, 2))
		assert.Equal(t, "saved", str(params, dpEntry, 257, 2), "the caller's entry name stays")
		assert.Equal(t, "kept", str(params, dpPhone, 129, 2), "and so does the rest")
		for i, b := range params[size:] {
			require.EqualValues(t, 0xCC, b, "byte %d past dwSize %d", i, size)
		}
	}

	params := withCredentials(newParams(dialParamsSizes[1], "Unsaved"), "left", "over", "here")
	var saved uint32 = 1
	require.EqualValues(t, 0, getEntryDialParams(pbk(bookA), params, &saved))
	assert.EqualValues(t, 0, saved, "nothing saved: FALSE")
	assert.Empty(t, str(params, dpUser, 257, 2))
	assert.Empty(t, str(params, dpPassword, 257, 2))
	assert.Empty(t, str(params, dpDomain, 16, 2))
}

//go:uintptrescapes
func callGetEntryDialParams(book, params, saved uintptr) uint32 {
	r, _, _ := procGetEntryDialParamsW.Call(book, params, saved)
	return uint32(r)
}

// getEntryDialParams calls RasGetEntryDialParamsW; nil is NULL.
func getEntryDialParams(book *uint16, params []byte, saved *uint32) uint32 {
	var p unsafe.Pointer
	if len(params) > 0 {
		p = unsafe.Pointer(&params[0])
	}
	return callGetEntryDialParams(uintptr(unsafe.Pointer(book)), uintptr(p), uintptr(unsafe.Pointer(saved)))
}

func TestGetEntryDialParamsErrors(t *testing.T) {
	requireSim(t)
	addEntry(t, Entry{Name: "Office", Phonebook: bookA})
	var saved uint32
	params := newParams(dialParamsSizes[1], "Office")
	assert.EqualValues(t, errInvalidParameter, getEntryDialParams(nil, nil, &saved), "NULL params")
	assert.EqualValues(t, errInvalidParameter, getEntryDialParams(nil, params, nil), "NULL lpfPassword")
	params = newParams(dialParamsSizes[1], "Elsewhere")
	assert.EqualValues(t, errCannotFindEntry, getEntryDialParams(nil, params, &saved))
	params = newParams(dialParamsSizes[1], "Office")
	assert.EqualValues(t, errCannotFindEntry, getEntryDialParams(pbk(bookB), params, &saved), "in another book")
	assert.EqualValues(t, 0, getEntryDialParams(pbk(""), params, &saved), `"": any book`)
	assert.EqualValues(t, 0, getEntryDialParams(pbk(strings.ToLower(bookA)), params, &saved), "its own book, in any case")
	for _, size := range []uint32{0, 2092, 2100, 2124, dialParamsSizes[3]} {
		params = newParams(size, "Office")
		assert.EqualValues(t, errInvalidSize, getEntryDialParams(nil, params, &saved), "dwSize %d", size)
	}
	require.NoError(t, Reset(Win10))
	addEntry(t, Entry{Name: "Office", Phonebook: bookA})
	params = newParams(dialParamsSizes[3], "Office")
	assert.EqualValues(t, 0, getEntryDialParams(nil, params, &saved), "Win10 takes 0x602")

	require.NoError(t, FailNth(GetEntryDialParams, 1, errRasmanInit))
	assert.EqualValues(t, errRasmanInit, getEntryDialParams(nil, params, &saved))
	assert.EqualValues(t, 2, Calls(GetEntryDialParams))
}
