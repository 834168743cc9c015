// The shim's one loop for RAS's enumerating calls (RasEnumConnectionsW, RasEnumEntriesW): an array
// of versioned structs, dwSize on the first, sized by a 603 answer that may be stale by the time
// the next call comes, and counts and sizes from the DLL that must be checked before use.
#ifndef WINRAS_SHIM_ENUM_H
#define WINRAS_SHIM_ENUM_H

#include <stddef.h>
#include <stdint.h>
#include <windows.h>

// At most this many items are believed: a count or a size from the DLL beyond it is garbage, not
// a machine's connections or entries, and every size computed from one stays far from wrapping,
// on 386 too.
#define WINRAS_MAX_ITEMS 65536u

// What was wrong with an answer refused as ERROR_INVALID_DATA.
#define WINRAS_BAD_NEEDED 1 // a 603 asked for more bytes than WINRAS_MAX_ITEMS items take
#define WINRAS_BAD_COUNT 2  // a success reported more items than the buffer holds, or than WINRAS_MAX_ITEMS

// How an enumeration went, for the error Go makes of a failure: calls counts the RAS calls it
// took; tried lists the dwSize values refused. For an answer refused as ERROR_INVALID_DATA, bad
// says what was wrong, with what the DLL reported (bytes asked for, or items) and what the buffer
// held (bytes, or items).
typedef struct winras_enum_diag {
	uint32_t calls;
	uint32_t tried[8];
	uint32_t ntried;
	uint32_t bad;
	uint32_t reported;
	uint32_t limit;
} winras_enum_diag;

// One version of a struct: its dwSize and the WINRAS_LEVEL_* of its layout.
typedef struct winras_version {
	uint32_t size;
	uint32_t level;
} winras_version;

// A buffer kept from one call to the next. Wine's heap maps and unmaps large blocks on every
// allocation, which at a few hundred connections costs more than the RAS call itself; so each
// kind of buffer has one spare, taken and given back atomically, so concurrent calls stay safe
// (a call that finds no spare allocates its own). A spare is zeroed when it is allocated and
// afterwards holds only what RAS wrote into it: never uninitialised memory.
typedef struct winras_block {
	size_t cap;
	_Alignas(8) unsigned char data[];
} winras_block;

// winras_take returns a buffer of at least n bytes (its capacity is winras_cap), the spare if it
// is big enough; NULL when memory runs out.
void *winras_take(winras_block *volatile *spare, size_t n);
size_t winras_cap(void *data);
// winras_give makes data the spare, freeing the one it replaces; data may be NULL.
void winras_give(winras_block *volatile *spare, void *data);

// One enumerating call, with whatever else it takes in arg.
typedef DWORD (*winras_enum_call)(void *arg, void *buf, DWORD *lpcb, DWORD *count);

// What is enumerated: the versions, newest first (at most 8), the index of the newest one this
// Windows accepted and the count of the last enumeration (both remembered for the next call), and
// the spare buffer.
typedef struct winras_enum_kind {
	const winras_version *versions;
	size_t nversions;
	volatile LONG *version;
	volatile LONG *last_count;
	winras_block *volatile *spare;
} winras_enum_kind;

// The items an enumeration got: count structs of size bytes each in buf, of layout level. buf
// goes back with winras_give(kind->spare, buf); with no items it is NULL.
typedef struct winras_enum_items {
	unsigned char *buf;
	uint32_t count;
	uint32_t size;
	uint32_t level;
} winras_enum_items;

// winras_enum_sized calls call until it fills a buffer, offering the versions newest first on 632
// and retrying a bounded number of times on 603. It returns 0 or the code that ended it
// (ERROR_INVALID_DATA for an answer it refused, as diag says).
uint32_t winras_enum_sized(const winras_enum_kind *kind, winras_enum_call call, void *arg, winras_enum_diag *diag,
                           winras_enum_items *out);

#endif
