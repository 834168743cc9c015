//go:build windows && cgo

// The fair floor (see fair.h).
#include <string.h>
#include <windows.h>
#include <ras.h>

#include "../internal/wide/wide.h"
#include "fair.h"
#include "layout.h"

#define CONN_CHARS (RAS_MaxEntryName + 1 + RAS_MaxDeviceType + 1 + RAS_MaxDeviceName + 1 + MAX_PATH)
#define STATUS_CHARS (RAS_MaxDeviceType + 1 + RAS_MaxDeviceName + 1 + RAS_MaxPhoneNumber + 1)

uint32_t fair_conn_text_max(void)
{
	return WINRAS_UTF8_MAX(CONN_CHARS);
}

uint32_t fair_status_text_max(void)
{
	return WINRAS_UTF8_MAX(STATUS_CHARS);
}

static uint32_t decode(unsigned char **text, const WCHAR *field, size_t n)
{
	size_t len = winras_utf8(*text, (const uint16_t *)field, n);
	*text += len;
	return (uint32_t)len;
}

fair_result fair_enum(void *buf, uint32_t cb, fair_conn *out, unsigned char *text)
{
	fair_result r;
	memset(&r, 0, sizeof r);
	floor_rasconn *c = buf;
	DWORD inout = cb, n = 0;
	c->dwSize = sizeof *c;
	r.rc = RasEnumConnectionsW((LPRASCONNW)c, &inout, &n);
	if (r.rc != 0 || n > cb / sizeof *c)
		return r;
	unsigned char *end = text;
	for (DWORD i = 0; i < n; i++) {
		out[i].handle = (uint64_t)(uintptr_t)c[i].hrasconn;
		out[i].lens[0] = decode(&end, c[i].szEntryName, ARRAYSIZE(c[i].szEntryName));
		out[i].lens[1] = decode(&end, c[i].szDeviceType, ARRAYSIZE(c[i].szDeviceType));
		out[i].lens[2] = decode(&end, c[i].szDeviceName, ARRAYSIZE(c[i].szDeviceName));
		out[i].lens[3] = decode(&end, c[i].szPhonebook, ARRAYSIZE(c[i].szPhonebook));
	}
	r.count = n;
	r.text_len = (uint32_t)(end - text);
	return r;
}

fair_result fair_status(uint64_t h, unsigned char *text)
{
	fair_result r;
	memset(&r, 0, sizeof r);
	floor_rasconnstatus s;
	s.dwSize = sizeof s;
	r.rc = RasGetConnectStatusW((HRASCONN)(uintptr_t)h, (LPRASCONNSTATUSW)&s);
	if (r.rc != 0)
		return r;
	unsigned char *end = text;
	r.count = s.rasconnstate;
	r.lens[0] = decode(&end, s.szDeviceType, ARRAYSIZE(s.szDeviceType));
	r.lens[1] = decode(&end, s.szDeviceName, ARRAYSIZE(s.szDeviceName));
	r.lens[2] = decode(&end, s.szPhoneNumber, ARRAYSIZE(s.szPhoneNumber));
	r.text_len = (uint32_t)(end - text);
	return r;
}
