//go:build windows && cgo

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <ras.h>

#include "internal/wide/wide.h"
#include "shim.h"
#include "shim_entries.h"
#include "shim_load.h"

#define NAME_CHARS (RAS_MaxEntryName + 1)
#define PATH_CHARS (MAX_PATH + 1)

#pragma pack(push, 4)
// RASENTRYNAMEW as of WINVER 0x500; the 0x400 one is its prefix. Both are the same on amd64 and 386.
typedef struct rasentryname500 {
	DWORD dwSize;
	WCHAR szEntryName[NAME_CHARS];
	DWORD dwFlags;
	WCHAR szPhonebookPath[PATH_CHARS];
} rasentryname500;
#pragma pack(pop)

_Static_assert(sizeof(rasentryname500) == 1048, "RASENTRYNAMEW 0x500 is 1048 bytes");
_Static_assert(offsetof(rasentryname500, szEntryName) == 4, "szEntryName");
_Static_assert(offsetof(rasentryname500, dwFlags) == 520, "RASENTRYNAMEW 0x400 is 520 bytes");
_Static_assert(offsetof(rasentryname500, szPhonebookPath) == 524, "szPhonebookPath");
_Static_assert(sizeof(winras_entry) == 16, "winras_entry is the same on both arches");

static const winras_version entry_versions[] = {
	{sizeof(rasentryname500), WINRAS_LEVEL_500},
	{offsetof(rasentryname500, dwFlags), WINRAS_LEVEL_400},
};
#define NENTRY_VERSIONS (sizeof entry_versions / sizeof entry_versions[0])
_Static_assert(sizeof(((winras_enum_diag *)0)->tried) / sizeof(uint32_t) >= NENTRY_VERSIONS, "tried holds every size");

#define ENTRY_TEXT_MAX WINRAS_UTF8_MAX(NAME_CHARS + PATH_CHARS)
_Static_assert((WINRAS_MAX_ITEMS + WINRAS_MAX_ITEMS / 4 + 2) * (uint64_t)sizeof(rasentryname500) < 0x7FFFFFFFu, "buffer sizes fit");
_Static_assert(WINRAS_MAX_ITEMS * (uint64_t)(sizeof(winras_entry) + ENTRY_TEXT_MAX) < 0x7FFFFFFFu, "entries fit");

static volatile LONG entry_version;
static volatile LONG last_count;
static winras_block *volatile spare_entrynames;

static const winras_enum_kind entries_kind = {
	entry_versions, NENTRY_VERSIONS, &entry_version, &last_count, &spare_entrynames,
};

static DWORD enum_entries(void *phonebook, void *buf, DWORD *lpcb, DWORD *count)
{
	return winras_api.enum_entries(NULL, phonebook, buf, lpcb, count);
}

static uint32_t list(const uint16_t *phonebook, winras_entries_result *res)
{
	winras_enum_items items;
	uint32_t rc = winras_enum_sized(&entries_kind, enum_entries, (void *)phonebook, &res->diag, &items);
	if (rc != 0 || items.count == 0)
		return rc;
	winras_entry *entries = malloc((size_t)items.count * (sizeof *entries + ENTRY_TEXT_MAX));
	if (entries == NULL) {
		winras_give(&spare_entrynames, items.buf);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	unsigned char *text = (unsigned char *)&entries[items.count];
	unsigned char *end = text;
	for (uint32_t i = 0; i < items.count; i++) {
		const rasentryname500 *in = (const rasentryname500 *)(items.buf + (size_t)i * items.size);
		winras_entry *out = &entries[i];
		memset(out, 0, sizeof *out);
		out->level = items.level;
		out->name_len = winras_utf8_append(&end, (const uint16_t *)in->szEntryName, NAME_CHARS);
		if (items.level >= WINRAS_LEVEL_500) {
			out->flags = in->dwFlags;
			out->phonebook_len = winras_utf8_append(&end, (const uint16_t *)in->szPhonebookPath, PATH_CHARS);
		}
	}
	winras_give(&spare_entrynames, items.buf);
	res->entries = entries;
	res->count = items.count;
	res->text = (const char *)text;
	res->text_len = (uint32_t)(end - text);
	return 0;
}

winras_entries_result winras_entries(const uint16_t *phonebook)
{
	winras_entries_result res;
	memset(&res, 0, sizeof res);
	res.rc = list(phonebook, &res);
	return res;
}

void winras_free_entries(winras_entry *entries)
{
	free(entries);
}
