// The C side of Links and HangUpLink (see shim.h for the shim's conventions).
#ifndef WINRAS_SHIM_LINKS_H
#define WINRAS_SHIM_LINKS_H

#include <stdint.h>

// Links lists at most this many: RAS documents no limit, and Windows' multilink entries have a
// handful of sub-entries.
#define WINRAS_MAX_LINKS 64

// One RasGetSubEntryHandleW answer: rc its code, handle the link's handle when rc is 0.
typedef struct winras_link {
	uint64_t handle;
	uint32_t rc;
	uint32_t reserved;
} winras_link;

// A connection's links, 1 to count: each answered 0 (connected) or 618 (not connected). rc is the
// code that ended the listing when it was not 259 (past the last link), else 0.
typedef struct winras_links_result {
	uint32_t rc;
	uint32_t count;
	winras_link links[WINRAS_MAX_LINKS];
} winras_links_result;

// Returned by value, as shim.h's results are.
winras_links_result winras_links(uintptr_t h);
// Link n (from 1) of connection h.
winras_link winras_sub_entry(uintptr_t h, uint32_t n);

#endif
