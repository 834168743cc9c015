//go:build windows && cgo

// The Windows-layout half of winras (see shim.h). RAS structs are packed to 4 bytes and
// versioned by dwSize; mingw-w64's ras.h stops at the XP layouts, so the newest ones are
// declared here and every offset this file relies on is pinned below for amd64 and 386.
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <ras.h>
#include <raserror.h>

#include "shim.h"
#include "shim_load.h"

#pragma pack(push, 4)
// RASCONNW as of WINVER 0x600; the older versions are its prefixes.
typedef struct rasconn600 {
	DWORD dwSize;
	HRASCONN hrasconn;
	WCHAR szEntryName[WINRAS_ENTRY_CHARS];
	WCHAR szDeviceType[WINRAS_DEVICE_TYPE_CHARS];
	WCHAR szDeviceName[WINRAS_DEVICE_NAME_CHARS];
	WCHAR szPhonebook[WINRAS_PHONEBOOK_CHARS];
	DWORD dwSubEntry;
	GUID guidEntry;
	DWORD dwFlags;
	LUID luid;
	GUID guidCorrelationId;
} rasconn600;

typedef struct rastunnelendpoint {
	DWORD dwType;
	BYTE addr[16];
} rastunnelendpoint;

// RASCONNSTATUSW as of WINVER 0x601; the older versions are its prefixes.
typedef struct rasconnstatus601 {
	DWORD dwSize;
	DWORD rasconnstate;
	DWORD dwError;
	WCHAR szDeviceType[WINRAS_DEVICE_TYPE_CHARS];
	WCHAR szDeviceName[WINRAS_DEVICE_NAME_CHARS];
	WCHAR szPhoneNumber[WINRAS_PHONE_NUMBER_CHARS];
	rastunnelendpoint localEndPoint;
	rastunnelendpoint remoteEndPoint;
	DWORD rasconnsubstate;
} rasconnstatus601;
#pragma pack(pop)

#define ALIGN4(n) (((n) + 3u) & ~3u)

// Newest first: the order in which dwSize values are offered.
static const winras_version conn_versions[] = {
	{sizeof(rasconn600), WINRAS_LEVEL_600},
	{offsetof(rasconn600, guidCorrelationId), WINRAS_LEVEL_501},
	{offsetof(rasconn600, dwFlags), WINRAS_LEVEL_500},
	{offsetof(rasconn600, guidEntry), WINRAS_LEVEL_401},
	{ALIGN4(offsetof(rasconn600, szPhonebook)), WINRAS_LEVEL_400},
}, status_versions[] = {
	{sizeof(rasconnstatus601), WINRAS_LEVEL_601},
	{offsetof(rasconnstatus601, localEndPoint), WINRAS_LEVEL_401},
	{offsetof(rasconnstatus601, szPhoneNumber), WINRAS_LEVEL_400},
};
#define NCONN_VERSIONS (sizeof conn_versions / sizeof conn_versions[0])
#define NSTATUS_VERSIONS (sizeof status_versions / sizeof status_versions[0])

#ifdef _WIN64
_Static_assert(sizeof(rasconn600) == 1388, "RASCONNW 0x600 is 1388 bytes on amd64");
_Static_assert(offsetof(rasconn600, szEntryName) == 12, "szEntryName");
_Static_assert(offsetof(rasconn600, szPhonebook) == 818, "szPhonebook");
_Static_assert(offsetof(rasconn600, dwSubEntry) == 1340, "dwSubEntry");
_Static_assert(offsetof(rasconn600, guidEntry) == 1344, "guidEntry");
_Static_assert(offsetof(rasconn600, dwFlags) == 1360, "dwFlags");
_Static_assert(offsetof(rasconn600, luid) == 1364, "luid");
_Static_assert(offsetof(rasconn600, guidCorrelationId) == 1372, "guidCorrelationId");
_Static_assert(ALIGN4(offsetof(rasconn600, szPhonebook)) == 820, "RASCONNW 0x400 is 820 bytes");
#else
_Static_assert(sizeof(rasconn600) == 1384, "RASCONNW 0x600 is 1384 bytes on 386");
_Static_assert(offsetof(rasconn600, szEntryName) == 8, "szEntryName");
_Static_assert(offsetof(rasconn600, szPhonebook) == 814, "szPhonebook");
_Static_assert(offsetof(rasconn600, dwSubEntry) == 1336, "dwSubEntry");
_Static_assert(offsetof(rasconn600, guidEntry) == 1340, "guidEntry");
_Static_assert(offsetof(rasconn600, dwFlags) == 1356, "dwFlags");
_Static_assert(offsetof(rasconn600, luid) == 1360, "luid");
_Static_assert(offsetof(rasconn600, guidCorrelationId) == 1368, "guidCorrelationId");
_Static_assert(ALIGN4(offsetof(rasconn600, szPhonebook)) == 816, "RASCONNW 0x400 is 816 bytes");
#endif
_Static_assert(offsetof(rasconn600, hrasconn) == 4, "hrasconn");
_Static_assert(sizeof(rasconnstatus601) == 608, "RASCONNSTATUSW 0x601 is 608 bytes");
_Static_assert(offsetof(rasconnstatus601, szDeviceType) == 12, "szDeviceType");
_Static_assert(offsetof(rasconnstatus601, szDeviceName) == 46, "szDeviceName");
_Static_assert(offsetof(rasconnstatus601, szPhoneNumber) == 304, "RASCONNSTATUSW 0x400 is 304 bytes");
_Static_assert(offsetof(rasconnstatus601, localEndPoint) == 564, "RASCONNSTATUSW 0x401 is 564 bytes");
_Static_assert(offsetof(rasconnstatus601, remoteEndPoint) == 584, "remoteEndPoint");
_Static_assert(offsetof(rasconnstatus601, rasconnsubstate) == 604, "rasconnsubstate");
_Static_assert(sizeof(GUID) == sizeof(winras_guid), "GUID");
_Static_assert(sizeof(winras_conn) == 80 && offsetof(winras_conn, entry_id) == 48, "winras_conn is the same on both arches");
_Static_assert(offsetof(winras_status_result, text) == 92, "winras_status_result is the same on both arches");
_Static_assert(sizeof(WCHAR) == sizeof(uint16_t), "WCHAR is a UTF-16 unit");
_Static_assert(sizeof(((winras_enum_diag *)0)->tried) / sizeof(uint32_t) >= NCONN_VERSIONS, "tried holds every RASCONNW size");
_Static_assert(sizeof(((winras_status_result *)0)->tried) / sizeof(uint32_t) >= NSTATUS_VERSIONS, "tried holds every RASCONNSTATUSW size");
// The largest buffer winras_enum_sized asks for (want or need, WINRAS_MAX_ITEMS and headroom) is a
// DWORD, and a size_t on 386, with room to spare.
_Static_assert((WINRAS_MAX_ITEMS + WINRAS_MAX_ITEMS / 4 + 2) * (uint64_t)sizeof(rasconn600) < 0x7FFFFFFFu, "buffer sizes fit");
// So is the block of WINRAS_MAX_ITEMS connections and their text.
_Static_assert(WINRAS_MAX_ITEMS * (uint64_t)(sizeof(winras_conn) + WINRAS_CONN_TEXT_MAX) < 0x7FFFFFFFu, "conns fit");

// The index of the newest version this Windows accepted; racing first calls agree on it.
static volatile LONG conn_version;
static volatile LONG status_version;
// Connections seen by the last enumeration (at most WINRAS_MAX_ITEMS), to size the next buffer
// for one call.
static volatile LONG last_count;

// Decodes a fixed-size WCHAR field to UTF-8 at *text, which it advances, and returns its length.
static uint32_t decode_field(unsigned char **text, const WCHAR *src, size_t n)
{
	return winras_utf8_append(text, (const uint16_t *)src, n);
}

static void copy_guid(winras_guid *dst, const GUID *src)
{
	memcpy(dst, src, sizeof *dst);
}

// Copies one RASCONNW, appending its strings to *text (which has WINRAS_CONN_TEXT_MAX bytes left).
static void copy_conn(winras_conn *out, unsigned char **text, const rasconn600 *in, uint32_t level)
{
	memset(out, 0, sizeof *out);
	out->handle = (uint64_t)(uintptr_t)in->hrasconn;
	out->level = level;
	out->entry_len = decode_field(text, in->szEntryName, WINRAS_ENTRY_CHARS);
	out->device_type_len = decode_field(text, in->szDeviceType, WINRAS_DEVICE_TYPE_CHARS);
	out->device_name_len = decode_field(text, in->szDeviceName, WINRAS_DEVICE_NAME_CHARS);
	if (level >= WINRAS_LEVEL_401) {
		out->phonebook_len = decode_field(text, in->szPhonebook, WINRAS_PHONEBOOK_CHARS);
		out->subentry = in->dwSubEntry;
	}
	if (level >= WINRAS_LEVEL_500)
		copy_guid(&out->entry_id, &in->guidEntry);
	if (level >= WINRAS_LEVEL_501) {
		out->flags = in->dwFlags;
		out->luid_low = in->luid.LowPart;
		out->luid_high = in->luid.HighPart;
	}
	if (level >= WINRAS_LEVEL_600)
		copy_guid(&out->correlation_id, &in->guidCorrelationId);
}

static winras_block *volatile spare_rasconn; // RASCONNW arrays, for RasEnumConnectionsW
static winras_block *volatile spare_conns;   // winras_conn arrays and their text, lent to Go until winras_free_conns

static const winras_enum_kind conns_kind = {
	conn_versions, NCONN_VERSIONS, &conn_version, &last_count, &spare_rasconn,
};

static DWORD enum_connections(void *arg, void *buf, DWORD *lpcb, DWORD *count)
{
	(void)arg;
	return winras_api.enum_connections((LPRASCONNW)buf, lpcb, count);
}

static uint32_t enum_conns(winras_enum_result *res);

winras_enum_result winras_enum(void)
{
	winras_enum_result res;
	memset(&res, 0, sizeof res);
	res.rc = enum_conns(&res);
	return res;
}

static uint32_t enum_conns(winras_enum_result *res)
{
	winras_enum_items items;
	uint32_t rc = winras_enum_sized(&conns_kind, enum_connections, NULL, &res->diag, &items);
	if (rc != 0 || items.count == 0)
		return rc; // nothing to lend: Go need not call winras_free_conns
	// The connections, then their text.
	winras_conn *conns = winras_take(&spare_conns, (size_t)items.count * (sizeof *conns + WINRAS_CONN_TEXT_MAX));
	if (conns == NULL) {
		winras_give(&spare_rasconn, items.buf);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	unsigned char *text = (unsigned char *)&conns[items.count];
	unsigned char *end = text;
	for (uint32_t i = 0; i < items.count; i++)
		copy_conn(&conns[i], &end, (const rasconn600 *)(items.buf + (size_t)i * items.size), items.level);
	winras_give(&spare_rasconn, items.buf);
	res->conns = conns;
	res->count = items.count;
	res->text = (const char *)text;
	res->text_len = (uint32_t)(end - text);
	return 0;
}

void winras_free_conns(winras_conn *conns)
{
	winras_give(&spare_conns, conns);
}

static uint32_t get_status(uintptr_t h, winras_status_result *res);

winras_status_result winras_status_get(uintptr_t h)
{
	winras_status_result res;
	memset(&res, 0, offsetof(winras_status_result, text));
	res.rc = get_status(h, &res);
	return res;
}

static uint32_t get_status(uintptr_t h, winras_status_result *out)
{
	for (LONG v = status_version;; v++) {
		// Zeroed: a RasGetConnectStatusW that succeeds without writing (Wine's) reads as zeros.
		rasconnstatus601 st;
		memset(&st, 0, sizeof st);
		st.dwSize = status_versions[v].size;
		DWORD rc = winras_api.get_connect_status((HRASCONN)h, (LPRASCONNSTATUSW)&st);
		if (rc == ERROR_INVALID_SIZE) {
			out->tried[out->ntried++] = st.dwSize;
			if ((size_t)v + 1 >= NSTATUS_VERSIONS)
				return rc;
			continue;
		}
		if (rc != 0)
			return rc;
		InterlockedExchange(&status_version, v);
		out->level = status_versions[v].level;
		out->state = st.rasconnstate;
		out->error = st.dwError;
		unsigned char *text = (unsigned char *)out->text;
		out->device_type_len = decode_field(&text, st.szDeviceType, WINRAS_DEVICE_TYPE_CHARS);
		out->device_name_len = decode_field(&text, st.szDeviceName, WINRAS_DEVICE_NAME_CHARS);
		if (out->level >= WINRAS_LEVEL_401)
			out->phone_number_len = decode_field(&text, st.szPhoneNumber, WINRAS_PHONE_NUMBER_CHARS);
		if (out->level >= WINRAS_LEVEL_601) {
			out->local_type = st.localEndPoint.dwType;
			out->remote_type = st.remoteEndPoint.dwType;
			memcpy(out->local_addr, st.localEndPoint.addr, sizeof out->local_addr);
			memcpy(out->remote_addr, st.remoteEndPoint.addr, sizeof out->remote_addr);
			out->substate = st.rasconnsubstate;
		}
		return 0;
	}
}

uint32_t winras_hangup(uintptr_t h)
{
	return winras_api.hang_up((HRASCONN)h);
}

uint32_t winras_notify(uintptr_t h, uintptr_t event, uint32_t flags)
{
	return winras_api.connection_notification((HRASCONN)h, (HANDLE)event, flags);
}

uint32_t winras_error_string(uint32_t code, char *buf)
{
	WCHAR text[WINRAS_ERROR_CHARS];
	text[0] = 0;
	buf[0] = 0;
	DWORD rc = winras_api.get_error_string(code, text, WINRAS_ERROR_CHARS);
	if (rc == 0)
		buf[winras_utf8((unsigned char *)buf, (const uint16_t *)text, WINRAS_ERROR_CHARS)] = 0;
	return rc;
}

int winras_is_handle(uintptr_t h)
{
	DWORD flags;
	return GetHandleInformation((HANDLE)h, &flags) != 0;
}
