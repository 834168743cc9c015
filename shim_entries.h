// RasEnumEntriesW: the phone-book entries, copied into naturally aligned structs with their
// strings decoded to UTF-8 once, as the connections are (shim.h).
#ifndef WINRAS_SHIM_ENTRIES_H
#define WINRAS_SHIM_ENTRIES_H

#include <stdint.h>

#include "shim_enum.h"

// One RASENTRYNAMEW. Its name and its phone book's path are in the listing's text, after the
// previous entry's, in this order; each length is in bytes of UTF-8. flags is REN_AllUsers (1)
// for an entry of the all-users phone book; level says whether flags and the path were reported
// (WINRAS_LEVEL_500, Windows 2000 and later).
typedef struct winras_entry {
	uint32_t level;
	uint32_t flags;
	uint32_t name_len;
	uint32_t phonebook_len;
} winras_entry;

// The outcome of winras_entries, as winras_enum_result is of winras_enum: entries and text are
// lent until winras_free_entries(entries); with no entries both are NULL.
typedef struct winras_entries_result {
	uint32_t rc;
	uint32_t count;
	winras_entry *entries;
	const char *text;
	uint32_t text_len;
	winras_enum_diag diag;
} winras_entries_result;

// winras_entries lists the entries of the phone book at the NUL-terminated path phonebook, or of
// every phone book of the user and of all users when it is NULL.
winras_entries_result winras_entries(const uint16_t *phonebook);
void winras_free_entries(winras_entry *entries);

#endif
