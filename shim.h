// The C side of winras: everything that depends on the layout of Windows' RAS structs.
//
// Go never reads a RAS struct. The shim negotiates the struct version (dwSize) with the running
// Windows, sizes the buffers, and copies each packed RAS struct into one of the naturally aligned
// structs below, whose layout is the same on amd64 and 386, decoding its strings to UTF-8 once,
// so that Go makes one string of them and slices every field out of it.
#ifndef WINRAS_SHIM_H
#define WINRAS_SHIM_H

#include <stdint.h>

#include "internal/wide/wide.h"
#include "shim_enum.h"

// Field lengths in WCHARs, terminator included, as in ras.h (RAS_MaxEntryName + 1 and so on).
#define WINRAS_ENTRY_CHARS 257
#define WINRAS_DEVICE_TYPE_CHARS 17
#define WINRAS_DEVICE_NAME_CHARS 129
#define WINRAS_PHONEBOOK_CHARS 260
#define WINRAS_PHONE_NUMBER_CHARS 129

// Layout versions (the WINVER that introduced them), reported so Go knows which fields are real.
#define WINRAS_LEVEL_400 0x400
#define WINRAS_LEVEL_401 0x401
#define WINRAS_LEVEL_500 0x500
#define WINRAS_LEVEL_501 0x501
#define WINRAS_LEVEL_600 0x600
#define WINRAS_LEVEL_601 0x601
#define WINRAS_LEVEL_602 0x602

typedef struct winras_guid {
	uint32_t data1;
	uint16_t data2;
	uint16_t data3;
	uint8_t data4[8];
} winras_guid;

// One RASCONNW. Its four strings are in the listing's text (see winras_enum_result), after the
// previous connection's, in this order; each length is in bytes of UTF-8.
typedef struct winras_conn {
	uint64_t handle;
	uint32_t level;
	uint32_t subentry;
	uint32_t flags;
	uint32_t luid_low;
	int32_t luid_high;
	uint32_t entry_len;
	uint32_t device_type_len;
	uint32_t device_name_len;
	uint32_t phonebook_len;
	uint32_t reserved;
	winras_guid entry_id;
	winras_guid correlation_id;
} winras_conn;

// The most UTF-8 bytes one connection's strings take in the text.
#define WINRAS_CONN_TEXT_MAX \
	WINRAS_UTF8_MAX(WINRAS_ENTRY_CHARS + WINRAS_DEVICE_TYPE_CHARS + WINRAS_DEVICE_NAME_CHARS + WINRAS_PHONEBOOK_CHARS)
#define WINRAS_STATUS_TEXT_MAX \
	WINRAS_UTF8_MAX(WINRAS_DEVICE_TYPE_CHARS + WINRAS_DEVICE_NAME_CHARS + WINRAS_PHONE_NUMBER_CHARS)

// The outcome of one winras_enum call: rc is the Windows error code of the call that failed, or
// 0, and diag says how it went (shim_enum.h). conns and text are lent to the caller until
// winras_free_conns(conns): text holds the strings of every connection, text_len bytes of UTF-8
// with no terminators. With no connections, both are NULL and there is nothing to free.
typedef struct winras_enum_result {
	uint32_t rc;
	uint32_t count;
	winras_conn *conns;
	const char *text;
	uint32_t text_len;
	winras_enum_diag diag;
} winras_enum_result;

// One RASCONNSTATUSW, from winras_status_get: rc as in winras_enum_result; tried lists the
// dwSize values refused. Endpoint types are RASTUNNELENDPOINT's: 0 unknown, 1 IPv4, 2 IPv6. The
// three strings are in text, in this order, with no terminators.
typedef struct winras_status_result {
	uint32_t rc;
	uint32_t level;
	uint32_t state;
	uint32_t error;
	uint32_t substate;
	uint32_t local_type;
	uint32_t remote_type;
	uint8_t local_addr[16];
	uint8_t remote_addr[16];
	uint32_t device_type_len;
	uint32_t device_name_len;
	uint32_t phone_number_len;
	uint32_t tried[4];
	uint32_t ntried;
	char text[WINRAS_STATUS_TEXT_MAX]; // last: only what the lengths cover is written
} winras_status_result;

// The results are returned by value, not through a pointer, so that Go's result stays on its
// stack: cgo moves to the heap whatever a pointer it passes points to.
winras_enum_result winras_enum(void);
void winras_free_conns(winras_conn *conns);
winras_status_result winras_status_get(uintptr_t h);
// Each returns the Windows error code of the call that failed, or 0.
uint32_t winras_hangup(uintptr_t h);
uint32_t winras_notify(uintptr_t h, uintptr_t event, uint32_t flags);
// Writes RAS's text for code (at most WINRAS_ERROR_CHARS units) into buf as UTF-8, terminated;
// buf holds WINRAS_ERROR_TEXT_MAX bytes.
#define WINRAS_ERROR_CHARS 512
#define WINRAS_ERROR_TEXT_MAX (WINRAS_UTF8_MAX(WINRAS_ERROR_CHARS) + 1)
uint32_t winras_error_string(uint32_t code, char *buf);
// Reports whether h is an open handle of this process.
int winras_is_handle(uintptr_t h);

#endif
