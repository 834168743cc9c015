// The C side of winras: everything that depends on the layout of Windows' RAS structs.
//
// Go never reads a RAS struct. The shim negotiates the struct version (dwSize) with the running
// Windows, sizes the buffers, and copies each packed RAS struct into one of the naturally aligned
// structs below, whose layout is the same on amd64 and 386.
#ifndef WINRAS_SHIM_H
#define WINRAS_SHIM_H

#include <stdint.h>

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

typedef struct winras_guid {
	uint32_t data1;
	uint16_t data2;
	uint16_t data3;
	uint8_t data4[8];
} winras_guid;

// One RASCONNW. Strings are copied whole-field: a name with no terminator fills its array and
// Go stops at the first NUL or at the end of the array, whichever comes first.
typedef struct winras_conn {
	uint64_t handle;
	uint32_t level;
	uint32_t subentry;
	uint32_t flags;
	uint32_t luid_low;
	int32_t luid_high;
	uint32_t reserved;
	winras_guid entry_id;
	winras_guid correlation_id;
	uint16_t entry[WINRAS_ENTRY_CHARS];
	uint16_t device_type[WINRAS_DEVICE_TYPE_CHARS];
	uint16_t device_name[WINRAS_DEVICE_NAME_CHARS];
	uint16_t phonebook[WINRAS_PHONEBOOK_CHARS];
} winras_conn;

// One RASCONNSTATUSW. Endpoint types are RASTUNNELENDPOINT's: 0 unknown, 1 IPv4, 2 IPv6.
typedef struct winras_status {
	uint32_t level;
	uint32_t state;
	uint32_t error;
	uint32_t substate;
	uint32_t local_type;
	uint32_t remote_type;
	uint8_t local_addr[16];
	uint8_t remote_addr[16];
	uint16_t device_type[WINRAS_DEVICE_TYPE_CHARS];
	uint16_t device_name[WINRAS_DEVICE_NAME_CHARS];
	uint16_t phone_number[WINRAS_PHONE_NUMBER_CHARS];
} winras_status;

// At most this many connections are believed: a count or a size from RasEnumConnectionsW beyond
// it is garbage, not a machine's connections, and every size computed from one stays far from
// wrapping, on 386 too.
#define WINRAS_MAX_CONNS 65536u

// What was wrong with an answer refused as ERROR_INVALID_DATA.
#define WINRAS_BAD_NEEDED 1 // a 603 asked for more bytes than WINRAS_MAX_CONNS connections take
#define WINRAS_BAD_COUNT 2  // a success reported more connections than the buffer holds

// The outcome of one winras_enum call. conns is lent to the caller until winras_free_conns; calls
// counts the RasEnumConnectionsW calls it took; tried lists the dwSize values offered. For an
// answer refused as ERROR_INVALID_DATA, bad says what was wrong, with what the DLL reported
// (bytes asked for, or connections) and what the buffer held (bytes, or connections).
typedef struct winras_enum_result {
	winras_conn *conns;
	uint32_t count;
	uint32_t calls;
	uint32_t tried[8];
	uint32_t ntried;
	uint32_t bad;
	uint32_t reported;
	uint32_t limit;
} winras_enum_result;

// The outcome of one winras_status_get call; tried lists the dwSize values refused.
typedef struct winras_status_result {
	winras_status status;
	uint32_t tried[4];
	uint32_t ntried;
} winras_status_result;

// Each returns the Windows error code of the call that failed, or 0.
uint32_t winras_enum(winras_enum_result *res);
void winras_free_conns(winras_conn *conns);
uint32_t winras_status_get(uintptr_t h, winras_status_result *res);
uint32_t winras_hangup(uintptr_t h);
uint32_t winras_notify(uintptr_t h, uintptr_t event, uint32_t flags);
uint32_t winras_error_string(uint32_t code, uint16_t *buf, uint32_t cch);
// Reports whether h is an open handle of this process.
int winras_is_handle(uintptr_t h);

// Forgets what earlier calls taught the shim (struct versions, connection count, spare
// buffers), for tests that change the simulated Windows.
void winras_forget(void);

#endif
