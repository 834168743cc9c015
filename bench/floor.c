//go:build windows && cgo

// The floor (see floor.h).
#include <stddef.h>
#include <string.h>
#include <windows.h>
#include <ras.h>

#include "floor.h"
#include "layout.h"

uint32_t floor_conn_size(void)
{
	return sizeof(floor_rasconn);
}

uint32_t floor_status_size(void)
{
	return sizeof(floor_rasconnstatus);
}

uint32_t floor_enum(void *buf, uint32_t cb, uint64_t iters, uint32_t *count)
{
	floor_rasconn *c = buf;
	for (uint64_t i = 0; i < iters; i++) {
		DWORD inout = cb, n = 0;
		c->dwSize = sizeof *c;
		DWORD rc = RasEnumConnectionsW((LPRASCONNW)c, &inout, &n);
		if (rc != 0)
			return rc;
		*count = n;
	}
	return 0;
}

uint32_t floor_status(void *st, const uint64_t *handles, uint32_t n, uint64_t iters)
{
	floor_rasconnstatus *s = st;
	uint32_t j = 0;
	for (uint64_t i = 0; i < iters; i++) {
		s->dwSize = sizeof *s;
		DWORD rc = RasGetConnectStatusW((HRASCONN)(uintptr_t)handles[j], (LPRASCONNSTATUSW)s);
		if (rc != 0)
			return rc;
		if (++j == n)
			j = 0;
	}
	return 0;
}

_Static_assert(sizeof(RAS_STATS) == 60, "RAS_STATS is 60 bytes");

uint32_t floor_stats(const uint64_t *handles, uint32_t n, uint64_t iters, uint32_t *last)
{
	RAS_STATS st;
	uint32_t j = 0;
	for (uint64_t i = 0; i < iters; i++) {
		st.dwSize = sizeof st;
		DWORD rc = RasGetConnectionStatistics((HRASCONN)(uintptr_t)handles[j], &st);
		if (rc != 0)
			return rc;
		if (++j == n)
			j = 0;
	}
	memcpy(last, &st.dwBytesXmited, 14 * sizeof(DWORD));
	return 0;
}

uint64_t floor_conn_handle(const void *buf, uint32_t i)
{
	return (uint64_t)(uintptr_t)((const floor_rasconn *)buf)[i].hrasconn;
}

const uint16_t *floor_conn_field(const void *buf, uint32_t i, int which, uint32_t *chars)
{
	const floor_rasconn *c = &((const floor_rasconn *)buf)[i];
	switch (which) {
	case FLOOR_ENTRY:
		*chars = ARRAYSIZE(c->szEntryName);
		return (const uint16_t *)c->szEntryName;
	case FLOOR_DEVICE_TYPE:
		*chars = ARRAYSIZE(c->szDeviceType);
		return (const uint16_t *)c->szDeviceType;
	case FLOOR_DEVICE_NAME:
		*chars = ARRAYSIZE(c->szDeviceName);
		return (const uint16_t *)c->szDeviceName;
	case FLOOR_PHONEBOOK:
		*chars = ARRAYSIZE(c->szPhonebook);
		return (const uint16_t *)c->szPhonebook;
	}
	*chars = 0;
	return NULL;
}

uint32_t floor_status_state(const void *st)
{
	return ((const floor_rasconnstatus *)st)->rasconnstate;
}

const uint16_t *floor_status_field(const void *st, int which, uint32_t *chars)
{
	const floor_rasconnstatus *s = st;
	switch (which) {
	case FLOOR_DEVICE_TYPE:
		*chars = ARRAYSIZE(s->szDeviceType);
		return (const uint16_t *)s->szDeviceType;
	case FLOOR_DEVICE_NAME:
		*chars = ARRAYSIZE(s->szDeviceName);
		return (const uint16_t *)s->szDeviceName;
	case FLOOR_PHONE_NUMBER:
		*chars = ARRAYSIZE(s->szPhoneNumber);
		return (const uint16_t *)s->szPhoneNumber;
	}
	*chars = 0;
	return NULL;
}
