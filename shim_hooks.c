//go:build windows && cgo && winras_testhooks

// The test build's record of released secrets (see shim_hooks.h). It holds copies of buffers that
// should be all zeros; a build without the tag has none of this.
#include <string.h>
#include <windows.h>

#include "shim_hooks.h"

static SRWLOCK released_lock = SRWLOCK_INIT;
static struct {
	uintptr_t addr;
	size_t n;
	uint8_t held[WINRAS_SECRET_BYTES];
} released[WINRAS_SECRETS];

void winras_hook_released(uint32_t secret, const void *p, size_t n)
{
	if (secret >= WINRAS_SECRETS)
		return;
	if (n > WINRAS_SECRET_BYTES)
		n = WINRAS_SECRET_BYTES;
	AcquireSRWLockExclusive(&released_lock);
	released[secret].addr = (uintptr_t)p;
	released[secret].n = n;
	memcpy(released[secret].held, p, n);
	ReleaseSRWLockExclusive(&released_lock);
}

size_t winras_hook_last_released(uint32_t secret, uintptr_t *addr, uint8_t *out)
{
	*addr = 0;
	if (secret >= WINRAS_SECRETS)
		return 0;
	AcquireSRWLockShared(&released_lock);
	size_t n = released[secret].n;
	*addr = released[secret].addr;
	memcpy(out, released[secret].held, n);
	ReleaseSRWLockShared(&released_lock);
	return n;
}

void winras_hook_forget(void)
{
	AcquireSRWLockExclusive(&released_lock);
	SecureZeroMemory(released, sizeof released);
	ReleaseSRWLockExclusive(&released_lock);
}
