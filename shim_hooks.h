// Where the shim lets go of a secret: a test build (the winras_testhooks build tag) records what
// each secret-bearing buffer held at the moment the shim released it, just before it was freed,
// so that a test can see it zeroed. In every other build the hook is nothing at all.
#ifndef WINRAS_SHIM_HOOKS_H
#define WINRAS_SHIM_HOOKS_H

#include <stddef.h>
#include <stdint.h>

// The secret-bearing buffers the shim releases.
#define WINRAS_SECRET_DIAL_PARAMS 0 // a dial's RASDIALPARAMSW, which RasDialW read the password from
#define WINRAS_SECRETS 1

// The most of one buffer a test build keeps (RASDIALPARAMSW is 2120 bytes at most).
#define WINRAS_SECRET_BYTES 4096

#ifdef WINRAS_TEST_HOOKS
// winras_hook_released records that the shim is done with secret's n bytes at p, as they are now.
void winras_hook_released(uint32_t secret, const void *p, size_t n);
// winras_hook_last_released copies what secret's buffer held when it was last released into out
// (WINRAS_SECRET_BYTES) and returns how many bytes that was, 0 when none was since the last
// winras_hook_forget; *addr is where the buffer was.
size_t winras_hook_last_released(uint32_t secret, uintptr_t *addr, uint8_t *out);
// winras_hook_forget forgets every buffer released so far.
void winras_hook_forget(void);
#else
#define winras_hook_released(secret, p, n) ((void)0)
#endif

#endif
