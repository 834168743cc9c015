//go:build windows && cgo

#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <raserror.h>

#include "shim_enum.h"

// Enough 603 retries for items appearing while we enumerate; a service that answers 603 for ever
// must not keep us here.
#define ENUM_ATTEMPTS 8

void *winras_take(winras_block *volatile *spare, size_t n)
{
	if (n > SIZE_MAX - sizeof(winras_block))
		return NULL;
	winras_block *b = InterlockedExchangePointer((PVOID volatile *)spare, NULL);
	if (b != NULL && b->cap < n) {
		free(b);
		b = NULL;
	}
	if (b == NULL) {
		b = calloc(1, sizeof *b + n);
		if (b == NULL)
			return NULL;
		b->cap = n;
	}
	return b->data;
}

static winras_block *block_of(void *data)
{
	return (winras_block *)((unsigned char *)data - offsetof(winras_block, data));
}

size_t winras_cap(void *data)
{
	return block_of(data)->cap;
}

void winras_give(winras_block *volatile *spare, void *data)
{
	if (data == NULL)
		return;
	free(InterlockedExchangePointer((PVOID volatile *)spare, block_of(data)));
}

// Items to make room for when last time there were n: a few more may have appeared.
static size_t with_headroom(size_t n)
{
	if (n > WINRAS_MAX_ITEMS)
		n = WINRAS_MAX_ITEMS;
	return n + n / 4 + 2;
}

uint32_t winras_enum_sized(const winras_enum_kind *k, winras_enum_call call, void *arg, winras_enum_diag *diag,
                           winras_enum_items *out)
{
	LONG v = *k->version;
	size_t want = with_headroom((DWORD)*k->last_count);
	size_t need = 0; // bytes the last 603 asked for
	int too_small = 0;
	memset(out, 0, sizeof *out);
	while (too_small < ENUM_ATTEMPTS) {
		size_t size = k->versions[v].size;
		size_t cb = want * size > need ? want * size : need;
		unsigned char *buf = winras_take(k->spare, cb);
		if (buf == NULL)
			return ERROR_NOT_ENOUGH_MEMORY;
		cb = winras_cap(buf); // a larger spare holds more items for free
		if (cb > MAXDWORD)
			cb = MAXDWORD;
		// Only the first struct carries dwSize; RAS writes the others whole.
		memset(buf, 0, size);
		*(DWORD *)buf = (DWORD)size;
		DWORD count = 0;
		DWORD inout = (DWORD)cb;
		DWORD rc = call(arg, buf, &inout, &count);
		diag->calls++;
		if (rc == ERROR_INVALID_SIZE) {
			winras_give(k->spare, buf);
			diag->tried[diag->ntried++] = (uint32_t)size;
			if ((size_t)v + 1 >= k->nversions)
				return rc;
			v++;
			continue;
		}
		if (rc == ERROR_BUFFER_TOO_SMALL) {
			winras_give(k->spare, buf);
			too_small++;
			// *lpcb is whatever the service wrote: near 4 GiB, the allocation's size would wrap.
			if (inout > WINRAS_MAX_ITEMS * size) {
				diag->bad = WINRAS_BAD_NEEDED;
				diag->reported = inout;
				diag->limit = (uint32_t)(WINRAS_MAX_ITEMS * size);
				return ERROR_INVALID_DATA;
			}
			need = inout;
			want = with_headroom(count);
			continue;
		}
		if (rc != 0) {
			winras_give(k->spare, buf);
			return rc;
		}
		// A DLL that claims more than the buffer holds would have us read past it.
		size_t fits = cb / size < WINRAS_MAX_ITEMS ? cb / size : WINRAS_MAX_ITEMS;
		if (count > fits) {
			winras_give(k->spare, buf);
			diag->bad = WINRAS_BAD_COUNT;
			diag->reported = count;
			diag->limit = (uint32_t)fits;
			return ERROR_INVALID_DATA;
		}
		InterlockedExchange(k->version, v);
		InterlockedExchange(k->last_count, (LONG)count);
		if (count == 0) {
			winras_give(k->spare, buf);
			return 0;
		}
		out->buf = buf;
		out->count = count;
		out->size = (uint32_t)size;
		out->level = k->versions[v].level;
		return 0;
	}
	return ERROR_BUFFER_TOO_SMALL;
}
