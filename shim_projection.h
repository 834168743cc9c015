// The C side of Projection (see shim.h for the shim's conventions): what a connection
// negotiated, from RasGetProjectionInfoEx (Windows 7 and later, resolved at run time) or, where
// that is missing, RasGetProjectionInfoW.
#ifndef WINRAS_SHIM_PROJECTION_H
#define WINRAS_SHIM_PROJECTION_H

#include <stdint.h>

#include "internal/wide/wide.h"

// RASPPPIPW's addresses are 16 WCHARs: 15 read, the last the terminator.
#define WINRAS_IPV4_TEXT_CHARS 15

// More server addresses than this are garbage from the DLL, not a server's.
#define WINRAS_MAX_SERVERS 64

// RASPROJECTION_INFO_TYPE.
#define WINRAS_PROJECTION_PPP 1
#define WINRAS_PROJECTION_IKEV2 2

// Which call answered, or failed.
#define WINRAS_CALL_EX 1     // RasGetProjectionInfoEx
#define WINRAS_CALL_IP 2     // RasGetProjectionInfoW(RASP_PppIp)
#define WINRAS_CALL_IPV6 3   // RasGetProjectionInfoW(RASP_PppIpv6)

// What was wrong with an answer refused as ERROR_INVALID_DATA.
#define WINRAS_BAD_PROJECTION_NEEDED 1  // a 603 asked for no more than was given, or for too much
#define WINRAS_BAD_PROJECTION_SERVERS 2 // server addresses past the buffer, or too many

// A connection's projection. From RasGetProjectionInfoEx (call WINRAS_CALL_EX) every field but
// the texts; from RasGetProjectionInfoW (WINRAS_CALL_IP) type PPP, the IPv4 addresses as texts
// and, when has_ipv6, the IPv6 interface identifiers. Addresses are in network order.
typedef struct winras_projection {
	uint32_t call;
	uint32_t type;
	uint32_t has_ipv4;
	uint32_t has_ipv6;
	uint32_t ipv4_error;
	uint32_t ipv6_error;
	uint8_t ipv4[4];
	uint8_t ipv4_server[4];
	uint8_t ipv6[16];
	uint8_t ipv6_server[16];
	uint32_t prefix_length;
	uint8_t interface_id[8];
	uint8_t server_interface_id[8];
	uint32_t auth_protocol;
	uint32_t auth_data;
	uint32_t eap_type;
	uint32_t ccp_options;        // PPP: RASCCPO_*
	uint32_t encryption_method;  // IKEv2: dwEncryptionMethod
	uint32_t ike_flags;
	char ipv4_text[WINRAS_UTF8_MAX(WINRAS_IPV4_TEXT_CHARS) + 1]; // UTF-8, terminated
	char ipv4_server_text[WINRAS_UTF8_MAX(WINRAS_IPV4_TEXT_CHARS) + 1];
	uint32_t n_ipv4_servers;
	uint32_t n_ipv6_servers;
	uint8_t ipv4_servers[WINRAS_MAX_SERVERS][4];
	uint8_t ipv6_servers[WINRAS_MAX_SERVERS][16];
	// For an answer refused as ERROR_INVALID_DATA: what was wrong, what the DLL reported (bytes,
	// or addresses) and the most that made sense.
	uint32_t bad;
	uint32_t reported;
	uint32_t limit;
} winras_projection;

// Returns the Windows error code of the call that failed (named by out->call), or 0.
uint32_t winras_projection_get(uintptr_t h, winras_projection *out);

#endif
