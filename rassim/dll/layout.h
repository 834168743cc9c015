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

/* RASCONNSTATE values the simulator itself uses (ras.h). */
#define RASCS_OPEN_PORT 0
#define RASCS_CONNECTED 0x2000
#define RASCS_DISCONNECTED 0x2001

/* RasConnectionNotification flags (ras.h). */
#define RASCN_CONNECTION 0x1
#define RASCN_DISCONNECTION 0x2
#define RASCN_BANDWIDTH_ADDED 0x4
#define RASCN_BANDWIDTH_REMOVED 0x8

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

#endif
