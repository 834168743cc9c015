// bcryptprimitives.dll for Wine 8.0, which lacks ProcessPrng (added in Wine 8.13). Go 1.21.5+
// resolves bcryptprimitives!ProcessPrng from System32 at start and aborts without it.
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
