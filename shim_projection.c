//go:build windows && cgo

// RasGetProjectionInfoEx and RasGetProjectionInfoW. Neither mingw-w64's ras.h nor its import
// library has the Ex call (Windows 7 and later; Wine does not export it either): its structs are
// declared here and it is resolved at run time, once. Every offset relied on is pinned below.
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <ras.h>
#include <raserror.h>

#include "shim_load.h"
#include "shim_projection.h"

// Neither is in mingw-w64's headers.
#define RASAPIVERSION_601_ 4
#define RASP_PPPIPV6_ 0x8057

#pragma pack(push, 4)
typedef struct rasppp_projection_info {
	DWORD dwIPv4NegotiationError;
	BYTE ipv4Address[4];
	BYTE ipv4ServerAddress[4];
	DWORD dwIPv4Options;
	DWORD dwIPv4ServerOptions;
	DWORD dwIPv6NegotiationError;
	BYTE bInterfaceIdentifier[8];
	BYTE bServerInterfaceIdentifier[8];
	BOOL fBundled;
	BOOL fMultilink;
	DWORD dwAuthenticationProtocol;
	DWORD dwAuthenticationData;
	DWORD dwServerAuthenticationProtocol;
	DWORD dwServerAuthenticationData;
	DWORD dwEapTypeId;
	DWORD dwServerEapTypeId;
	DWORD dwLcpOptions;
	DWORD dwLcpServerOptions;
	DWORD dwCcpError;
	DWORD dwCcpCompressionAlgorithm;
	DWORD dwCcpServerCompressionAlgorithm;
	DWORD dwCcpOptions;
	DWORD dwCcpServerOptions;
} rasppp_projection_info;

typedef struct rasikev2_projection_info {
	DWORD dwIPv4NegotiationError;
	BYTE ipv4Address[4];
	BYTE ipv4ServerAddress[4];
	DWORD dwIPv6NegotiationError;
	BYTE ipv6Address[16];
	BYTE ipv6ServerAddress[16];
	DWORD dwPrefixLength;
	DWORD dwAuthenticationProtocol;
	DWORD dwEapTypeId;
	DWORD dwFlags;
	DWORD dwEncryptionMethod;
	DWORD numIPv4ServerAddresses;
	BYTE (*ipv4ServerAddresses)[4];
	DWORD numIPv6ServerAddresses;
	BYTE (*ipv6ServerAddresses)[16];
} rasikev2_projection_info;

typedef struct ras_projection_info {
	DWORD version;
	DWORD type;
	union {
		rasppp_projection_info ppp;
		rasikev2_projection_info ikev2;
	};
} ras_projection_info;

// RASPPPIPW as of WINVER 0x500; the 0x400 version ends before dwOptions.
typedef struct rasppp_ipw {
	DWORD dwSize;
	DWORD dwError;
	WCHAR szIpAddress[16];
	WCHAR szServerIpAddress[16];
	DWORD dwOptions;
	DWORD dwServerOptions;
} rasppp_ipw;

typedef struct rasppp_ipv6 {
	DWORD dwSize;
	DWORD dwError;
	BYTE LocalInterfaceIdentifier[8];
	BYTE PeerInterfaceIdentifier[8];
	BYTE LocalCompressionProtocol[2];
	BYTE PeerCompressionProtocol[2];
} rasppp_ipv6;
#pragma pack(pop)

_Static_assert(sizeof(((rasppp_ipw *)0)->szIpAddress) == (WINRAS_IPV4_TEXT_CHARS + 1) * sizeof(WCHAR), "RASPPPIPW addresses");
_Static_assert(sizeof(rasppp_projection_info) == 100, "RASPPP_PROJECTION_INFO is 100 bytes");
_Static_assert(offsetof(rasppp_projection_info, dwIPv6NegotiationError) == 20, "dwIPv6NegotiationError");
_Static_assert(offsetof(rasppp_projection_info, fBundled) == 40, "fBundled");
_Static_assert(offsetof(rasppp_projection_info, dwCcpError) == 80, "dwCcpError");
_Static_assert(offsetof(rasikev2_projection_info, ipv6Address) == 16, "ipv6Address");
_Static_assert(offsetof(rasikev2_projection_info, dwPrefixLength) == 48, "dwPrefixLength");
_Static_assert(offsetof(rasikev2_projection_info, numIPv4ServerAddresses) == 68, "numIPv4ServerAddresses");
_Static_assert(offsetof(rasikev2_projection_info, ipv4ServerAddresses) == 72, "ipv4ServerAddresses");
#ifdef _WIN64
_Static_assert(sizeof(rasikev2_projection_info) == 92, "RASIKEV2_PROJECTION_INFO is 92 bytes on amd64");
_Static_assert(offsetof(rasikev2_projection_info, numIPv6ServerAddresses) == 80, "numIPv6ServerAddresses");
_Static_assert(offsetof(rasikev2_projection_info, ipv6ServerAddresses) == 84, "ipv6ServerAddresses");
#else
_Static_assert(sizeof(rasikev2_projection_info) == 84, "RASIKEV2_PROJECTION_INFO is 84 bytes on 386");
_Static_assert(offsetof(rasikev2_projection_info, numIPv6ServerAddresses) == 76, "numIPv6ServerAddresses");
_Static_assert(offsetof(rasikev2_projection_info, ipv6ServerAddresses) == 80, "ipv6ServerAddresses");
#endif
_Static_assert(sizeof(ras_projection_info) == 108 && offsetof(ras_projection_info, ppp) == 8, "RAS_PROJECTION_INFO is 108 bytes");
_Static_assert(sizeof(rasppp_ipw) == 80 && offsetof(rasppp_ipw, dwOptions) == 72, "RASPPPIPW 0x500 is 80 bytes, 0x400 72");
_Static_assert(offsetof(rasppp_ipw, szServerIpAddress) == 40, "szServerIpAddress");
_Static_assert(sizeof(rasppp_ipv6) == 28, "RASPPPIPV6 is 28 bytes");

// Enough 603 retries for a projection whose server addresses grow while it is read.
#define PROJECTION_ATTEMPTS 4
#define MAX_PROJECTION_BYTES (sizeof(ras_projection_info) + WINRAS_MAX_SERVERS * (4 + 16))

// Whether n elements of size bytes at p lie within buf's cb bytes.
static int within(const void *p, size_t n, size_t size, const unsigned char *buf, size_t cb)
{
	uintptr_t q = (uintptr_t)p, start = (uintptr_t)buf;
	if (q < start || q - start > cb)
		return 0;
	return n <= (cb - (q - start)) / size;
}

static uint32_t refuse(winras_projection *out, uint32_t bad, uint32_t reported, uint32_t limit)
{
	out->bad = bad;
	out->reported = reported;
	out->limit = limit;
	return ERROR_INVALID_DATA;
}

// Copies the server addresses, which live in the caller's buffer past the 108-byte struct: read
// here, before the buffer goes.
static uint32_t copy_servers(winras_projection *out, const rasikev2_projection_info *ike, const unsigned char *buf,
                             size_t cb)
{
	DWORD n4 = ike->numIPv4ServerAddresses, n6 = ike->numIPv6ServerAddresses;
	if (n4 > WINRAS_MAX_SERVERS || n6 > WINRAS_MAX_SERVERS)
		return refuse(out, WINRAS_BAD_PROJECTION_SERVERS, n4 > n6 ? n4 : n6, WINRAS_MAX_SERVERS);
	if ((n4 && !within(ike->ipv4ServerAddresses, n4, 4, buf, cb)) ||
	    (n6 && !within(ike->ipv6ServerAddresses, n6, 16, buf, cb)))
		return refuse(out, WINRAS_BAD_PROJECTION_SERVERS, n4 + n6, 0);
	if (n4)
		memcpy(out->ipv4_servers, ike->ipv4ServerAddresses, (size_t)n4 * 4);
	if (n6)
		memcpy(out->ipv6_servers, ike->ipv6ServerAddresses, (size_t)n6 * 16);
	out->n_ipv4_servers = n4;
	out->n_ipv6_servers = n6;
	return 0;
}

static uint32_t copy_ex(winras_projection *out, const unsigned char *buf, size_t cb)
{
	const ras_projection_info *info = (const ras_projection_info *)buf;
	out->type = info->type;
	if (info->type == WINRAS_PROJECTION_PPP) {
		const rasppp_projection_info *ppp = &info->ppp;
		out->has_ipv4 = out->has_ipv6 = 1;
		out->ipv4_error = ppp->dwIPv4NegotiationError;
		out->ipv6_error = ppp->dwIPv6NegotiationError;
		memcpy(out->ipv4, ppp->ipv4Address, 4);
		memcpy(out->ipv4_server, ppp->ipv4ServerAddress, 4);
		memcpy(out->interface_id, ppp->bInterfaceIdentifier, 8);
		memcpy(out->server_interface_id, ppp->bServerInterfaceIdentifier, 8);
		out->auth_protocol = ppp->dwAuthenticationProtocol;
		out->auth_data = ppp->dwAuthenticationData;
		out->eap_type = ppp->dwEapTypeId;
		out->ccp_options = ppp->dwCcpOptions;
		return 0;
	}
	if (info->type == WINRAS_PROJECTION_IKEV2) {
		const rasikev2_projection_info *ike = &info->ikev2;
		out->has_ipv4 = out->has_ipv6 = 1;
		out->ipv4_error = ike->dwIPv4NegotiationError;
		out->ipv6_error = ike->dwIPv6NegotiationError;
		memcpy(out->ipv4, ike->ipv4Address, 4);
		memcpy(out->ipv4_server, ike->ipv4ServerAddress, 4);
		memcpy(out->ipv6, ike->ipv6Address, 16);
		memcpy(out->ipv6_server, ike->ipv6ServerAddress, 16);
		out->prefix_length = ike->dwPrefixLength;
		out->auth_protocol = ike->dwAuthenticationProtocol;
		out->eap_type = ike->dwEapTypeId;
		out->ike_flags = ike->dwFlags;
		out->encryption_method = ike->dwEncryptionMethod;
		return copy_servers(out, ike, buf, cb);
	}
	return 0; // a type this shim does not know: Go reports it, with no fields
}

static uint32_t get_ex(uintptr_t h, winras_projection *out)
{
	_Alignas(8) unsigned char small[sizeof(ras_projection_info)];
	unsigned char *buf = small;
	size_t cb = sizeof small;
	uint32_t rc = ERROR_BUFFER_TOO_SMALL;
	out->call = WINRAS_CALL_EX;
	for (int i = 0; i < PROJECTION_ATTEMPTS; i++) {
		memset(buf, 0, cb);
		((ras_projection_info *)buf)->version = RASAPIVERSION_601_;
		DWORD size = (DWORD)cb;
		rc = winras_api.get_projection_info_ex((HRASCONN)h, buf, &size);
		if (rc == ERROR_BUFFER_TOO_SMALL) {
			// *lpdwSize is whatever the service wrote: it must ask for more, and for no more
			// than the most server addresses take.
			if (size <= cb || size > MAX_PROJECTION_BYTES) {
				rc = refuse(out, WINRAS_BAD_PROJECTION_NEEDED, size, (uint32_t)MAX_PROJECTION_BYTES);
				break;
			}
			if (buf != small)
				free(buf);
			cb = size;
			buf = malloc(cb);
			if (buf == NULL)
				return ERROR_NOT_ENOUGH_MEMORY;
			continue;
		}
		if (rc == 0)
			rc = copy_ex(out, buf, cb);
		break;
	}
	if (buf != small)
		free(buf);
	return rc;
}

// The newest RASPPPIPW size first, then the Windows 2000 one.
static const DWORD ip_sizes[] = {sizeof(rasppp_ipw), offsetof(rasppp_ipw, dwOptions)};

static uint32_t get_ip(uintptr_t h, winras_projection *out)
{
	uint32_t rc = ERROR_INVALID_SIZE;
	for (size_t i = 0; i < sizeof ip_sizes / sizeof ip_sizes[0] && rc == ERROR_INVALID_SIZE; i++) {
		rasppp_ipw ip;
		memset(&ip, 0, sizeof ip);
		ip.dwSize = ip_sizes[i];
		DWORD cb = ip.dwSize;
		rc = winras_api.get_projection_info((HRASCONN)h, RASP_PppIp, &ip, &cb);
		if (rc == 0) {
			out->has_ipv4 = 1;
			out->ipv4_error = ip.dwError;
			// An unterminated address reads as its first 15 characters.
			out->ipv4_text[winras_utf8((unsigned char *)out->ipv4_text, (const uint16_t *)ip.szIpAddress,
				WINRAS_IPV4_TEXT_CHARS)] = 0;
			out->ipv4_server_text[winras_utf8((unsigned char *)out->ipv4_server_text,
				(const uint16_t *)ip.szServerIpAddress, WINRAS_IPV4_TEXT_CHARS)] = 0;
		}
	}
	return rc;
}

static uint32_t get_ipv6(uintptr_t h, winras_projection *out)
{
	rasppp_ipv6 ip6;
	memset(&ip6, 0, sizeof ip6);
	ip6.dwSize = sizeof ip6;
	DWORD cb = sizeof ip6;
	uint32_t rc = winras_api.get_projection_info((HRASCONN)h, (RASPROJECTION)RASP_PPPIPV6_, &ip6, &cb);
	if (rc == 0) {
		out->has_ipv6 = 1;
		out->ipv6_error = ip6.dwError;
		memcpy(out->interface_id, ip6.LocalInterfaceIdentifier, 8);
		memcpy(out->server_interface_id, ip6.PeerInterfaceIdentifier, 8);
	}
	return rc;
}

// Without the Ex call: PPP's IPv4 and IPv6 projections, either of which may be not configured.
static uint32_t get_legacy(uintptr_t h, winras_projection *out)
{
	out->type = WINRAS_PROJECTION_PPP;
	out->call = WINRAS_CALL_IP;
	uint32_t rc = get_ip(h, out);
	if (rc != 0 && rc != ERROR_PROTOCOL_NOT_CONFIGURED)
		return rc;
	uint32_t rc6 = get_ipv6(h, out);
	if (rc6 == ERROR_PROTOCOL_NOT_CONFIGURED)
		return rc; // 0, or 731 when neither is
	if (rc6 != 0)
		out->call = WINRAS_CALL_IPV6;
	return rc6;
}

uint32_t winras_projection_get(uintptr_t h, winras_projection *out)
{
	memset(out, 0, sizeof *out);
	if (winras_api.get_projection_info_ex != NULL)
		return get_ex(h, out);
	return get_legacy(h, out);
}
