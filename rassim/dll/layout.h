/* The RAS structures the simulator reads and writes, in Windows' own layouts (packed to 4 bytes).
 *
 * mingw-w64's ras.h is frozen at older layouts and declares the RAS functions with its own types,
 * so the simulator declares every structure itself. Each version of a structure is a prefix of
 * the newest one: a caller's dwSize selects how much of it is read or written. */
#ifndef RASSIM_LAYOUT_H
#define RASSIM_LAYOUT_H

#include <windows.h>
#include <stddef.h>

#define RAS_MAX_ENTRY_NAME 256
#define RAS_MAX_DEVICE_TYPE 16
#define RAS_MAX_DEVICE_NAME 128
#define RAS_MAX_PHONE_NUMBER 128
#define RAS_MAX_CALLBACK_NUMBER 128
#define RAS_MAX_USER_NAME 256 /* UNLEN (lmcons.h) */
#define RAS_MAX_PASSWORD 256  /* PWLEN */
#define RAS_MAX_DOMAIN 15     /* DNLEN */

/* RASCONNSTATE values the simulator itself uses (ras.h). */
#define RASCS_OPEN_PORT 0
#define RASCS_PORT_OPENED 1
#define RASCS_CONNECT_DEVICE 2
#define RASCS_DEVICE_CONNECTED 3
#define RASCS_ALL_DEVICES_CONNECTED 4
#define RASCS_AUTHENTICATE 5
#define RASCS_AUTH_NOTIFY 6
#define RASCS_AUTHENTICATED 14
#define RASCS_CONNECTED 0x2000
#define RASCS_DISCONNECTED 0x2001

/* RASCONN.dwFlags and RASENTRYNAME.dwFlags (ras.h). */
#define RASCF_ALL_USERS 0x1
#define REN_ALL_USERS 0x1

/* RasDial's notifier types and the message its callbacks are passed (ras.h). */
#define RASDIAL_FUNC 0
#define RASDIAL_FUNC1 1
#define RASDIAL_FUNC2 2
#define WM_RASDIALEVENT 0xCCCD

/* RasConnectionNotification flags (ras.h). */
#define RASCN_CONNECTION 0x1
#define RASCN_DISCONNECTION 0x2
#define RASCN_BANDWIDTH_ADDED 0x4
#define RASCN_BANDWIDTH_REMOVED 0x8

/* RasGetProjectionInfoW's projections (ras.h; mingw's RASPROJECTION lacks RASP_PppIpv6). */
#define RASP_PPP_IP 0x8021
#define RASP_PPP_IPV6 0x8057

/* RAS_PROJECTION_INFO.version and .type (ras.h, 0x601). */
#define RASAPIVERSION_601 4
#define PROJECTION_INFO_TYPE_PPP 1
#define PROJECTION_INFO_TYPE_IKEV2 2

/* RASTUNNELENDPOINT.dwType (ras.h, 0x601). */
#define RASTUNNELENDPOINT_UNKNOWN 0
#define RASTUNNELENDPOINT_IPV4 1
#define RASTUNNELENDPOINT_IPV6 2

#pragma pack(push, 4)

/* RASTUNNELENDPOINT: a type and a union of RASIPV4ADDR and RASIPV6ADDR. */
typedef struct {
    DWORD dwType;
    BYTE addr[16];
} RASTUNNELENDPOINT_SIM;

typedef struct {
    DWORD dwSize;
    HANDLE hrasconn;
    WCHAR szEntryName[RAS_MAX_ENTRY_NAME + 1];
    WCHAR szDeviceType[RAS_MAX_DEVICE_TYPE + 1];
    WCHAR szDeviceName[RAS_MAX_DEVICE_NAME + 1];
    WCHAR szPhonebook[MAX_PATH];            /* 0x401 */
    DWORD dwSubEntry;                       /* 0x401 */
    GUID guidEntry;                         /* 0x500 */
    DWORD dwFlags;                          /* 0x501 */
    LUID luid;                              /* 0x501 */
    GUID guidCorrelationId;                 /* 0x600 */
} RASCONNW_SIM;

typedef struct {
    DWORD dwSize;
    HANDLE hrasconn;
    CHAR szEntryName[RAS_MAX_ENTRY_NAME + 1];
    CHAR szDeviceType[RAS_MAX_DEVICE_TYPE + 1];
    CHAR szDeviceName[RAS_MAX_DEVICE_NAME + 1];
    CHAR szPhonebook[MAX_PATH];
    DWORD dwSubEntry;
    GUID guidEntry;
    DWORD dwFlags;
    LUID luid;
    GUID guidCorrelationId;
} RASCONNA_SIM;

typedef struct {
    DWORD dwSize;
    DWORD rasconnstate;
    DWORD dwError;
    WCHAR szDeviceType[RAS_MAX_DEVICE_TYPE + 1];
    WCHAR szDeviceName[RAS_MAX_DEVICE_NAME + 1];
    WCHAR szPhoneNumber[RAS_MAX_PHONE_NUMBER + 1]; /* 0x401 */
    RASTUNNELENDPOINT_SIM localEndPoint;           /* 0x601 */
    RASTUNNELENDPOINT_SIM remoteEndPoint;          /* 0x601 */
    DWORD rasconnsubstate;                         /* 0x601 */
} RASCONNSTATUSW_SIM;

typedef struct {
    DWORD dwSize;
    DWORD rasconnstate;
    DWORD dwError;
    CHAR szDeviceType[RAS_MAX_DEVICE_TYPE + 1];
    CHAR szDeviceName[RAS_MAX_DEVICE_NAME + 1];
    CHAR szPhoneNumber[RAS_MAX_PHONE_NUMBER + 1];
    RASTUNNELENDPOINT_SIM localEndPoint;
    RASTUNNELENDPOINT_SIM remoteEndPoint;
    DWORD rasconnsubstate;
} RASCONNSTATUSA_SIM;

typedef struct {
    DWORD dwSize;
    WCHAR szEntryName[RAS_MAX_ENTRY_NAME + 1];
    DWORD dwFlags;                       /* 0x500 */
    WCHAR szPhonebookPath[MAX_PATH + 1]; /* 0x500 */
} RASENTRYNAMEW_SIM;

typedef struct {
    DWORD dwSize;
    CHAR szEntryName[RAS_MAX_ENTRY_NAME + 1];
    DWORD dwFlags;
    CHAR szPhonebookPath[MAX_PATH + 1];
} RASENTRYNAMEA_SIM;

typedef struct {
    DWORD dwSize;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
    DWORD dwBps;
    DWORD dwConnectDuration;
} RAS_STATS_SIM;

/* RASPPPIPW; the 0x400 version ends before dwOptions. */
typedef struct {
    DWORD dwSize;
    DWORD dwError;
    WCHAR szIpAddress[16];
    WCHAR szServerIpAddress[16];
    DWORD dwOptions;       /* 0x500 */
    DWORD dwServerOptions; /* 0x500 */
} RASPPPIPW_SIM;

typedef struct {
    DWORD dwSize;
    DWORD dwError;
    BYTE LocalInterfaceIdentifier[8];
    BYTE PeerInterfaceIdentifier[8];
    BYTE LocalCompressionProtocol[2];
    BYTE PeerCompressionProtocol[2];
} RASPPPIPV6_SIM;

/* The 0x601 projection structures. Their RASIPV4ADDR/RASIPV6ADDR (in_addr, in6_addr) are bytes
 * here, in network order: each starts on a 4-byte boundary, so the layout is the same. */
typedef struct {
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
} RASPPP_PROJECTION_INFO_SIM;

typedef struct {
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
} RASIKEV2_PROJECTION_INFO_SIM;

typedef struct {
    DWORD version;
    DWORD type;
    union {
        RASPPP_PROJECTION_INFO_SIM ppp;
        RASIKEV2_PROJECTION_INFO_SIM ikev2;
    };
} RAS_PROJECTION_INFO_SIM;

/* RASDIALPARAMSW. mingw's stops at 0x601 (no szEncPassword); cgo cannot see dwCallbackId on
 * amd64 (a ULONG_PTR at offset 2100, not 8-aligned). */
typedef struct {
    DWORD dwSize;
    WCHAR szEntryName[RAS_MAX_ENTRY_NAME + 1];
    WCHAR szPhoneNumber[RAS_MAX_PHONE_NUMBER + 1];
    WCHAR szCallbackNumber[RAS_MAX_CALLBACK_NUMBER + 1];
    WCHAR szUserName[RAS_MAX_USER_NAME + 1];
    WCHAR szPassword[RAS_MAX_PASSWORD + 1];
    WCHAR szDomain[RAS_MAX_DOMAIN + 1];
    DWORD dwSubEntry;         /* 0x401 */
    ULONG_PTR dwCallbackId;   /* 0x401 */
    DWORD dwIfIndex;          /* 0x601 */
    LPWSTR szEncPassword;     /* 0x602 (Windows 8); the simulator never reads it */
} RASDIALPARAMSW_SIM;

typedef struct {
    DWORD dwSizeofEapInfo;
    BYTE *pbEapInfo;
} RASEAPINFO_SIM;

typedef struct {
    DWORD dwSize;
    BYTE *pbDevSpecificInfo;
} RASDEVSPECIFICINFO_SIM;

/* RASDIALEXTENSIONS. mingw's is frozen at 0x500. The simulator reads only dwSize. */
typedef struct {
    DWORD dwSize;
    DWORD dwfOptions;
    HWND hwndParent;
    ULONG_PTR reserved;
    ULONG_PTR reserved1;                       /* 0x500 */
    RASEAPINFO_SIM RasEapInfo;                 /* 0x500 */
    BOOL fSkipPppAuth;                         /* 0x601 */
    RASDEVSPECIFICINFO_SIM RasDevSpecificInfo; /* 0x601 */
} RASDIALEXTENSIONS_SIM;

#pragma pack(pop)

#define SIM_ROUND4(n) (((n) + 3u) & ~3u)

/* The size of every version of each structure: the newest is sizeof, each older one ends where
 * the first field the next version added begins (rounded up to the 4-byte packing). */
#define RASCONNW_400 SIM_ROUND4(offsetof(RASCONNW_SIM, szPhonebook))
#define RASCONNW_401 offsetof(RASCONNW_SIM, guidEntry)
#define RASCONNW_500 offsetof(RASCONNW_SIM, dwFlags)
#define RASCONNW_501 offsetof(RASCONNW_SIM, guidCorrelationId)
#define RASCONNW_600 sizeof(RASCONNW_SIM)
#define RASCONNA_400 SIM_ROUND4(offsetof(RASCONNA_SIM, szPhonebook))
#define RASCONNA_401 offsetof(RASCONNA_SIM, guidEntry)
#define RASCONNA_500 offsetof(RASCONNA_SIM, dwFlags)
#define RASCONNA_501 offsetof(RASCONNA_SIM, guidCorrelationId)
#define RASCONNA_600 sizeof(RASCONNA_SIM)
#define RASCONNSTATUSW_400 SIM_ROUND4(offsetof(RASCONNSTATUSW_SIM, szPhoneNumber))
#define RASCONNSTATUSW_401 offsetof(RASCONNSTATUSW_SIM, localEndPoint)
#define RASCONNSTATUSW_601 sizeof(RASCONNSTATUSW_SIM)
#define RASCONNSTATUSA_400 SIM_ROUND4(offsetof(RASCONNSTATUSA_SIM, szPhoneNumber))
#define RASCONNSTATUSA_401 offsetof(RASCONNSTATUSA_SIM, localEndPoint)
#define RASCONNSTATUSA_601 sizeof(RASCONNSTATUSA_SIM)
#define RASENTRYNAMEW_400 SIM_ROUND4(offsetof(RASENTRYNAMEW_SIM, dwFlags))
#define RASENTRYNAMEW_500 sizeof(RASENTRYNAMEW_SIM)
#define RASENTRYNAMEA_400 SIM_ROUND4(offsetof(RASENTRYNAMEA_SIM, dwFlags))
#define RASENTRYNAMEA_500 sizeof(RASENTRYNAMEA_SIM)
#define RASDIALPARAMSW_400 SIM_ROUND4(offsetof(RASDIALPARAMSW_SIM, dwSubEntry))
#define RASDIALPARAMSW_401 offsetof(RASDIALPARAMSW_SIM, dwIfIndex)
#define RASDIALPARAMSW_601 offsetof(RASDIALPARAMSW_SIM, szEncPassword)
#define RASDIALPARAMSW_602 sizeof(RASDIALPARAMSW_SIM)
#define RASDIALEXTENSIONS_400 offsetof(RASDIALEXTENSIONS_SIM, reserved1)
#define RASDIALEXTENSIONS_500 offsetof(RASDIALEXTENSIONS_SIM, fSkipPppAuth)
#define RASDIALEXTENSIONS_601 sizeof(RASDIALEXTENSIONS_SIM)
#define RASPPPIPW_400 offsetof(RASPPPIPW_SIM, dwOptions)
#define RASPPPIPW_500 sizeof(RASPPPIPW_SIM)

/* The sizes Windows documents (see ras-facts.md), pinned per architecture. */
#ifdef _WIN64
_Static_assert(RASCONNW_400 == 820, "RASCONNW 0x400");
_Static_assert(RASCONNW_401 == 1344, "RASCONNW 0x401");
_Static_assert(RASCONNW_500 == 1360, "RASCONNW 0x500");
_Static_assert(RASCONNW_501 == 1372, "RASCONNW 0x501");
_Static_assert(RASCONNW_600 == 1388, "RASCONNW 0x600");
_Static_assert(offsetof(RASCONNW_SIM, szEntryName) == 12, "RASCONNW szEntryName");
_Static_assert(offsetof(RASCONNW_SIM, dwSubEntry) == 1340, "RASCONNW dwSubEntry");
_Static_assert(offsetof(RASCONNW_SIM, luid) == 1364, "RASCONNW luid");
_Static_assert(RASCONNA_400 == 416, "RASCONNA 0x400");
_Static_assert(RASCONNA_401 == 680, "RASCONNA 0x401");
_Static_assert(RASCONNA_500 == 696, "RASCONNA 0x500");
_Static_assert(RASCONNA_501 == 708, "RASCONNA 0x501");
_Static_assert(RASCONNA_600 == 724, "RASCONNA 0x600");
_Static_assert(sizeof(RASIKEV2_PROJECTION_INFO_SIM) == 92, "RASIKEV2_PROJECTION_INFO");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, numIPv6ServerAddresses) == 80, "numIPv6ServerAddresses");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, ipv6ServerAddresses) == 84, "ipv6ServerAddresses");
_Static_assert(RASDIALPARAMSW_401 == 2108, "RASDIALPARAMSW 0x401");
_Static_assert(RASDIALPARAMSW_601 == 2112, "RASDIALPARAMSW 0x601");
_Static_assert(RASDIALPARAMSW_602 == 2120, "RASDIALPARAMSW 0x602");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, dwIfIndex) == 2108, "RASDIALPARAMSW dwIfIndex");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, szEncPassword) == 2112, "RASDIALPARAMSW szEncPassword");
_Static_assert(RASDIALEXTENSIONS_400 == 24, "RASDIALEXTENSIONS 0x400");
_Static_assert(RASDIALEXTENSIONS_500 == 44, "RASDIALEXTENSIONS 0x500");
_Static_assert(RASDIALEXTENSIONS_601 == 60, "RASDIALEXTENSIONS 0x601");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, hwndParent) == 8, "RASDIALEXTENSIONS hwndParent");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, reserved) == 16, "RASDIALEXTENSIONS reserved");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasEapInfo) == 32, "RASDIALEXTENSIONS RasEapInfo");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasEapInfo.pbEapInfo) == 36, "RASDIALEXTENSIONS pbEapInfo");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasDevSpecificInfo) == 48, "RASDIALEXTENSIONS RasDevSpecificInfo");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasDevSpecificInfo.pbDevSpecificInfo) == 52, "pbDevSpecificInfo");
_Static_assert(sizeof(RASEAPINFO_SIM) == 12 && sizeof(RASDEVSPECIFICINFO_SIM) == 12, "RASEAPINFO, RASDEVSPECIFICINFO");
#else
_Static_assert(RASCONNW_400 == 816, "RASCONNW 0x400");
_Static_assert(RASCONNW_401 == 1340, "RASCONNW 0x401");
_Static_assert(RASCONNW_500 == 1356, "RASCONNW 0x500");
_Static_assert(RASCONNW_501 == 1368, "RASCONNW 0x501");
_Static_assert(RASCONNW_600 == 1384, "RASCONNW 0x600");
_Static_assert(offsetof(RASCONNW_SIM, szEntryName) == 8, "RASCONNW szEntryName");
_Static_assert(offsetof(RASCONNW_SIM, dwSubEntry) == 1336, "RASCONNW dwSubEntry");
_Static_assert(offsetof(RASCONNW_SIM, luid) == 1360, "RASCONNW luid");
_Static_assert(RASCONNA_400 == 412, "RASCONNA 0x400");
_Static_assert(RASCONNA_401 == 676, "RASCONNA 0x401");
_Static_assert(RASCONNA_500 == 692, "RASCONNA 0x500");
_Static_assert(RASCONNA_501 == 704, "RASCONNA 0x501");
_Static_assert(RASCONNA_600 == 720, "RASCONNA 0x600");
_Static_assert(sizeof(RASIKEV2_PROJECTION_INFO_SIM) == 84, "RASIKEV2_PROJECTION_INFO");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, numIPv6ServerAddresses) == 76, "numIPv6ServerAddresses");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, ipv6ServerAddresses) == 80, "ipv6ServerAddresses");
_Static_assert(RASDIALPARAMSW_401 == 2104, "RASDIALPARAMSW 0x401");
_Static_assert(RASDIALPARAMSW_601 == 2108, "RASDIALPARAMSW 0x601");
_Static_assert(RASDIALPARAMSW_602 == 2112, "RASDIALPARAMSW 0x602");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, dwIfIndex) == 2104, "RASDIALPARAMSW dwIfIndex");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, szEncPassword) == 2108, "RASDIALPARAMSW szEncPassword");
_Static_assert(RASDIALEXTENSIONS_400 == 16, "RASDIALEXTENSIONS 0x400");
_Static_assert(RASDIALEXTENSIONS_500 == 28, "RASDIALEXTENSIONS 0x500");
_Static_assert(RASDIALEXTENSIONS_601 == 40, "RASDIALEXTENSIONS 0x601");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, hwndParent) == 8, "RASDIALEXTENSIONS hwndParent");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, reserved) == 12, "RASDIALEXTENSIONS reserved");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasEapInfo) == 20, "RASDIALEXTENSIONS RasEapInfo");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasEapInfo.pbEapInfo) == 24, "RASDIALEXTENSIONS pbEapInfo");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasDevSpecificInfo) == 32, "RASDIALEXTENSIONS RasDevSpecificInfo");
_Static_assert(offsetof(RASDIALEXTENSIONS_SIM, RasDevSpecificInfo.pbDevSpecificInfo) == 36, "pbDevSpecificInfo");
_Static_assert(sizeof(RASEAPINFO_SIM) == 8 && sizeof(RASDEVSPECIFICINFO_SIM) == 8, "RASEAPINFO, RASDEVSPECIFICINFO");
#endif
_Static_assert(offsetof(RASCONNW_SIM, hrasconn) == 4, "RASCONNW hrasconn");
_Static_assert(RASCONNSTATUSW_400 == 304, "RASCONNSTATUSW 0x400");
_Static_assert(RASCONNSTATUSW_401 == 564, "RASCONNSTATUSW 0x401");
_Static_assert(RASCONNSTATUSW_601 == 608, "RASCONNSTATUSW 0x601");
_Static_assert(offsetof(RASCONNSTATUSW_SIM, rasconnsubstate) == 604, "RASCONNSTATUSW substate");
_Static_assert(RASCONNSTATUSA_400 == 160, "RASCONNSTATUSA 0x400");
_Static_assert(RASCONNSTATUSA_401 == 288, "RASCONNSTATUSA 0x401");
_Static_assert(RASCONNSTATUSA_601 == 332, "RASCONNSTATUSA 0x601");
_Static_assert(sizeof(RASTUNNELENDPOINT_SIM) == 20, "RASTUNNELENDPOINT");
_Static_assert(RASENTRYNAMEW_400 == 520, "RASENTRYNAMEW 0x400");
_Static_assert(RASENTRYNAMEW_500 == 1048, "RASENTRYNAMEW 0x500");
_Static_assert(RASENTRYNAMEA_400 == 264, "RASENTRYNAMEA 0x400");
_Static_assert(RASENTRYNAMEA_500 == 532, "RASENTRYNAMEA 0x500");
_Static_assert(sizeof(RAS_STATS_SIM) == 60, "RAS_STATS");
_Static_assert(RASDIALPARAMSW_400 == 2096, "RASDIALPARAMSW 0x400");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, szUserName) == 1034, "RASDIALPARAMSW szUserName");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, szPassword) == 1548, "RASDIALPARAMSW szPassword");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, szDomain) == 2062, "RASDIALPARAMSW szDomain");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, dwSubEntry) == 2096, "RASDIALPARAMSW dwSubEntry");
_Static_assert(offsetof(RASDIALPARAMSW_SIM, dwCallbackId) == 2100, "RASDIALPARAMSW dwCallbackId");
_Static_assert(offsetof(RASENTRYNAMEW_SIM, dwFlags) == 520, "RASENTRYNAMEW dwFlags");
_Static_assert(offsetof(RASENTRYNAMEW_SIM, szPhonebookPath) == 524, "RASENTRYNAMEW szPhonebookPath");
_Static_assert(RASPPPIPW_400 == 72 && RASPPPIPW_500 == 80, "RASPPPIPW 0x400, 0x500");
_Static_assert(offsetof(RASPPPIPW_SIM, szServerIpAddress) == 40, "RASPPPIPW szServerIpAddress");
_Static_assert(sizeof(RASPPPIPV6_SIM) == 28, "RASPPPIPV6");
_Static_assert(offsetof(RASPPPIPV6_SIM, PeerInterfaceIdentifier) == 16, "RASPPPIPV6 PeerInterfaceIdentifier");
_Static_assert(sizeof(RASPPP_PROJECTION_INFO_SIM) == 100, "RASPPP_PROJECTION_INFO");
_Static_assert(offsetof(RASPPP_PROJECTION_INFO_SIM, dwIPv6NegotiationError) == 20, "dwIPv6NegotiationError");
_Static_assert(offsetof(RASPPP_PROJECTION_INFO_SIM, fBundled) == 40, "fBundled");
_Static_assert(offsetof(RASPPP_PROJECTION_INFO_SIM, dwCcpError) == 80, "dwCcpError");
_Static_assert(offsetof(RASPPP_PROJECTION_INFO_SIM, dwCcpServerOptions) == 96, "dwCcpServerOptions");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, ipv6Address) == 16, "ipv6Address");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, dwPrefixLength) == 48, "dwPrefixLength");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, numIPv4ServerAddresses) == 68, "numIPv4ServerAddresses");
_Static_assert(offsetof(RASIKEV2_PROJECTION_INFO_SIM, ipv4ServerAddresses) == 72, "ipv4ServerAddresses");
_Static_assert(sizeof(RAS_PROJECTION_INFO_SIM) == 108, "RAS_PROJECTION_INFO");
_Static_assert(offsetof(RAS_PROJECTION_INFO_SIM, type) == 4, "RAS_PROJECTION_INFO type");
_Static_assert(offsetof(RAS_PROJECTION_INFO_SIM, ppp) == 8 && offsetof(RAS_PROJECTION_INFO_SIM, ikev2) == 8,
               "RAS_PROJECTION_INFO union");

#endif
