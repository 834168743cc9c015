/* RasGetProjectionInfoEx and RasGetProjectionInfoW: what a connection negotiated, as
 * RasSimSetProjection set it. Built with RASSIM_NO_PROJECTION_EX the DLL is a Windows older than
 * 7, which has no RasGetProjectionInfoEx at all (its .def line is filtered out too). */
#include "rassim.h"
#include <raserror.h>

/* raserror.h defines it only below WINVER 0x600 ("obsoleted" by Vista); the docs still list it. */
#define SIM_ERROR_PROJECTION_NOT_COMPLETE 730u

/* A copy of h's projection, taken under the lock, or the error for h: the gone code for a
 * handle that is not valid, 730 for a connection not projected. */
static DWORD projection_of(SIM_SHARED *s, HANDLE h, RASSIM_PROJECTION *out)
{
    SIM_SLOT *sl;
    DWORD rc = 0;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)h);
    if (!sl)
        rc = h ? s->gone_code : ERROR_INVALID_HANDLE;
    else if (sl->projection.dwType == RASSIM_PROJECTION_NONE)
        rc = SIM_ERROR_PROJECTION_NOT_COMPLETE;
    else
        *out = sl->projection;
    sim_unlock(s);
    return rc;
}

#ifndef RASSIM_NO_PROJECTION_EX

/* The bytes RasGetProjectionInfoEx needs: the structure and, for IKEv2, the server addresses its
 * two pointers point at, right after it. RasSimSetProjection bounded the counts, so no sum wraps. */
static DWORD ex_size(const RASSIM_PROJECTION *p)
{
    if (p->dwType != PROJECTION_INFO_TYPE_IKEV2)
        return sizeof(RAS_PROJECTION_INFO_SIM);
    return sizeof(RAS_PROJECTION_INFO_SIM) + p->numIPv4ServerAddresses * sizeof(p->ipv4ServerAddresses[0]) +
           p->numIPv6ServerAddresses * sizeof(p->ipv6ServerAddresses[0]);
}

static void write_ppp(RASPPP_PROJECTION_INFO_SIM *o, const RASSIM_PROJECTION *p)
{
    o->dwIPv4NegotiationError = p->dwIPv4NegotiationError;
    memcpy(o->ipv4Address, p->ipv4Address, sizeof(o->ipv4Address));
    memcpy(o->ipv4ServerAddress, p->ipv4ServerAddress, sizeof(o->ipv4ServerAddress));
    o->dwIPv4Options = p->dwIPv4Options;
    o->dwIPv4ServerOptions = p->dwIPv4ServerOptions;
    o->dwIPv6NegotiationError = p->dwIPv6NegotiationError;
    memcpy(o->bInterfaceIdentifier, p->bInterfaceIdentifier, sizeof(o->bInterfaceIdentifier));
    memcpy(o->bServerInterfaceIdentifier, p->bServerInterfaceIdentifier, sizeof(o->bServerInterfaceIdentifier));
    o->fBundled = p->fBundled;
    o->fMultilink = p->fMultilink;
    o->dwAuthenticationProtocol = p->dwAuthenticationProtocol;
    o->dwAuthenticationData = p->dwAuthenticationData;
    o->dwServerAuthenticationProtocol = p->dwServerAuthenticationProtocol;
    o->dwServerAuthenticationData = p->dwServerAuthenticationData;
    o->dwEapTypeId = p->dwEapTypeId;
    o->dwServerEapTypeId = p->dwServerEapTypeId;
    o->dwLcpOptions = p->dwLcpOptions;
    o->dwLcpServerOptions = p->dwLcpServerOptions;
    o->dwCcpError = p->dwCcpError;
    o->dwCcpCompressionAlgorithm = p->dwCcpCompressionAlgorithm;
    o->dwCcpServerCompressionAlgorithm = p->dwCcpServerCompressionAlgorithm;
    o->dwCcpOptions = p->dwCcpOptions;
    o->dwCcpServerOptions = p->dwCcpServerOptions;
}

/* servers is the caller's buffer past the structure, with room for both arrays (ex_size). */
static void write_ikev2(RASIKEV2_PROJECTION_INFO_SIM *o, BYTE *servers, const RASSIM_PROJECTION *p)
{
    size_t n4 = p->numIPv4ServerAddresses * sizeof(p->ipv4ServerAddresses[0]);
    size_t n6 = p->numIPv6ServerAddresses * sizeof(p->ipv6ServerAddresses[0]);
    o->dwIPv4NegotiationError = p->dwIPv4NegotiationError;
    memcpy(o->ipv4Address, p->ipv4Address, sizeof(o->ipv4Address));
    memcpy(o->ipv4ServerAddress, p->ipv4ServerAddress, sizeof(o->ipv4ServerAddress));
    o->dwIPv6NegotiationError = p->dwIPv6NegotiationError;
    memcpy(o->ipv6Address, p->ipv6Address, sizeof(o->ipv6Address));
    memcpy(o->ipv6ServerAddress, p->ipv6ServerAddress, sizeof(o->ipv6ServerAddress));
    o->dwPrefixLength = p->dwPrefixLength;
    o->dwAuthenticationProtocol = p->dwAuthenticationProtocol;
    o->dwEapTypeId = p->dwEapTypeId;
    o->dwFlags = p->dwFlags;
    o->dwEncryptionMethod = p->dwEncryptionMethod;
    o->numIPv4ServerAddresses = p->numIPv4ServerAddresses;
    o->numIPv6ServerAddresses = p->numIPv6ServerAddresses;
    memcpy(servers, p->ipv4ServerAddresses, n4);
    memcpy(servers + n4, p->ipv6ServerAddresses, n6);
    o->ipv4ServerAddresses = n4 ? (BYTE(*)[4])servers : NULL;
    o->ipv6ServerAddresses = n6 ? (BYTE(*)[16])(servers + n4) : NULL;
}

/* In this order: 87 for a NULL size; the handle; 730; 731 when neither IP protocol is configured;
 * 603 with the size needed for no buffer or a small one; 632 for a version other than 0x601's
 * ("dwSize" in Microsoft's table: the structure has none). */
DWORD WINAPI RasGetProjectionInfoEx(HANDLE hrasconn, RAS_PROJECTION_INFO_SIM *info, DWORD *lpdwSize)
{
    SIM_SHARED *s;
    RASSIM_PROJECTION p;
    DWORD rc = sim_enter(RASSIM_GET_PROJECTION_INFO_EX, &s), need;
    if (rc)
        return sim_leave(s, RASSIM_GET_PROJECTION_INFO_EX, rc, lpdwSize, NULL, 0);
    if (!lpdwSize)
        return ERROR_INVALID_PARAMETER;
    rc = projection_of(s, hrasconn, &p);
    if (!rc && (p.dwNotConfigured & RASSIM_PROTOCOL_ALL) == RASSIM_PROTOCOL_ALL)
        rc = ERROR_PROTOCOL_NOT_CONFIGURED;
    if (!rc) {
        need = ex_size(&p);
        if (!info || *lpdwSize < need) {
            *lpdwSize = need;
            rc = ERROR_BUFFER_TOO_SMALL;
        } else if (info->version != RASAPIVERSION_601) {
            rc = ERROR_INVALID_SIZE;
        } else {
            info->type = p.dwType;
            if (p.dwType == PROJECTION_INFO_TYPE_PPP)
                write_ppp(&info->ppp, &p);
            else
                write_ikev2(&info->ikev2, (BYTE *)info + sizeof(*info), &p);
        }
    }
    return sim_leave(s, RASSIM_GET_PROJECTION_INFO_EX, rc, lpdwSize, NULL, 0);
}

#endif

/* "a.b.c.d": 15 characters and the terminator at most, what RASPPPIPW's fields hold. */
static void format_ipv4(WCHAR dst[16], const BYTE a[4])
{
    size_t k = 0, i;
    for (i = 0; i < 4; i++) {
        if (i)
            dst[k++] = L'.';
        if (a[i] >= 100)
            dst[k++] = (WCHAR)(L'0' + a[i] / 100);
        if (a[i] >= 10)
            dst[k++] = (WCHAR)(L'0' + a[i] / 10 % 10);
        dst[k++] = (WCHAR)(L'0' + a[i] % 10);
    }
    dst[k] = 0;
}

_Static_assert(ARRAYSIZE(((RASPPPIPW_SIM *)0)->szIpAddress) == 16, "format_ipv4 writes 16 WCHARs at most");
_Static_assert(ARRAYSIZE(((RASPPPIPW_SIM *)0)->szServerIpAddress) == 16, "format_ipv4 writes 16 WCHARs at most");

/* The caller's dwSize, if it is one of the structure's sizes (newest and older; the same for a
 * structure of one version) and fits in *lpcb. No buffer, or one too small to hold a dwSize:
 * 603 with the newest size. */
static DWORD caller_size(const void *buf, DWORD *lpcb, DWORD newest, DWORD older, DWORD *size)
{
    if (!buf || *lpcb < sizeof(DWORD)) {
        *lpcb = newest;
        return ERROR_BUFFER_TOO_SMALL;
    }
    memcpy(size, buf, sizeof(*size));
    if (*size != newest && *size != older)
        return ERROR_INVALID_SIZE;
    if (*lpcb < *size) {
        *lpcb = *size;
        return ERROR_BUFFER_TOO_SMALL;
    }
    return 0;
}

static DWORD write_ip(void *buf, DWORD *lpcb, const RASSIM_PROJECTION *p)
{
    RASPPPIPW_SIM o;
    DWORD size, rc = caller_size(buf, lpcb, RASPPPIPW_500, RASPPPIPW_400, &size);
    if (rc)
        return rc;
    memset(&o, 0, sizeof(o));
    o.dwSize = size;
    o.dwError = p->dwIPv4NegotiationError;
    format_ipv4(o.szIpAddress, p->ipv4Address);
    format_ipv4(o.szServerIpAddress, p->ipv4ServerAddress);
    o.dwOptions = p->dwIPv4Options;
    o.dwServerOptions = p->dwIPv4ServerOptions;
    memcpy(buf, &o, size);
    return 0;
}

/* PPP negotiates interface identifiers; an IKEv2 connection's are its addresses' low 8 bytes. */
static DWORD write_ipv6(void *buf, DWORD *lpcb, const RASSIM_PROJECTION *p)
{
    RASPPPIPV6_SIM o;
    DWORD size, rc = caller_size(buf, lpcb, sizeof(o), sizeof(o), &size);
    if (rc)
        return rc;
    memset(&o, 0, sizeof(o));
    o.dwSize = size;
    o.dwError = p->dwIPv6NegotiationError;
    if (p->dwType == PROJECTION_INFO_TYPE_PPP) {
        memcpy(o.LocalInterfaceIdentifier, p->bInterfaceIdentifier, sizeof(o.LocalInterfaceIdentifier));
        memcpy(o.PeerInterfaceIdentifier, p->bServerInterfaceIdentifier, sizeof(o.PeerInterfaceIdentifier));
    } else {
        memcpy(o.LocalInterfaceIdentifier, p->ipv6Address + 8, sizeof(o.LocalInterfaceIdentifier));
        memcpy(o.PeerInterfaceIdentifier, p->ipv6ServerAddress + 8, sizeof(o.PeerInterfaceIdentifier));
    }
    memcpy(buf, &o, size);
    return 0;
}

/* RASP_PppIp and RASP_PppIpv6 only (any other projection: 87), for PPP and IKEv2 connections
 * alike. In this order: 87; the handle; 730; 731 when that projection's protocol is not
 * configured; the caller's size (603, 632). */
DWORD WINAPI RasGetProjectionInfoW(HANDLE hrasconn, DWORD projection, void *buf, DWORD *lpcb)
{
    SIM_SHARED *s;
    RASSIM_PROJECTION p;
    DWORD rc = sim_enter(RASSIM_GET_PROJECTION_INFO, &s), protocol;
    if (rc)
        return sim_leave(s, RASSIM_GET_PROJECTION_INFO, rc, lpcb, NULL, 0);
    if (!lpcb || (projection != RASP_PPP_IP && projection != RASP_PPP_IPV6))
        return ERROR_INVALID_PARAMETER;
    protocol = projection == RASP_PPP_IP ? RASSIM_PROTOCOL_IPV4 : RASSIM_PROTOCOL_IPV6;
    rc = projection_of(s, hrasconn, &p);
    if (!rc && (p.dwNotConfigured & protocol))
        rc = ERROR_PROTOCOL_NOT_CONFIGURED;
    if (!rc)
        rc = (projection == RASP_PPP_IP ? write_ip : write_ipv6)(buf, lpcb, &p);
    return sim_leave(s, RASSIM_GET_PROJECTION_INFO, rc, lpcb, NULL, 0);
}
