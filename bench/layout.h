// RASCONNW (WINVER 0x600) and RASCONNSTATUSW (WINVER 0x601) for the floors, declared here,
// packed to 4 bytes as Windows packs them, so that the tests read fields by name and check the
// peer's hand-written offsets. Include after <ras.h>. The simulator (rassim/dll/layout.h) and
// the shim declare the same layouts on purpose, each on its own: were one declaration shared, a
// mistake in it would be the same everywhere and no agreement test could see it.
#ifndef WINRAS_BENCH_LAYOUT_H
#define WINRAS_BENCH_LAYOUT_H

#pragma pack(push, 4)
typedef struct {
	DWORD dwSize;
	HRASCONN hrasconn;
	WCHAR szEntryName[RAS_MaxEntryName + 1];
	WCHAR szDeviceType[RAS_MaxDeviceType + 1];
	WCHAR szDeviceName[RAS_MaxDeviceName + 1];
	WCHAR szPhonebook[MAX_PATH];
	DWORD dwSubEntry;
	GUID guidEntry;
	DWORD dwFlags;
	LUID luid;
	GUID guidCorrelationId;
} floor_rasconn;

typedef struct {
	DWORD dwType;
	BYTE addr[16];
} floor_endpoint;

typedef struct {
	DWORD dwSize;
	DWORD rasconnstate;
	DWORD dwError;
	WCHAR szDeviceType[RAS_MaxDeviceType + 1];
	WCHAR szDeviceName[RAS_MaxDeviceName + 1];
	WCHAR szPhoneNumber[RAS_MaxPhoneNumber + 1];
	floor_endpoint localEndPoint;
	floor_endpoint remoteEndPoint;
	DWORD rasconnsubstate;
} floor_rasconnstatus;
#pragma pack(pop)

#ifdef _WIN64
_Static_assert(sizeof(floor_rasconn) == 1388, "RASCONNW 0x600 is 1388 bytes on amd64");
#else
_Static_assert(sizeof(floor_rasconn) == 1384, "RASCONNW 0x600 is 1384 bytes on 386");
#endif
_Static_assert(sizeof(floor_rasconnstatus) == 608, "RASCONNSTATUSW 0x601 is 608 bytes");

#endif
