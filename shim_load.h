// rasapi32.dll, loaded at run time and only from System32 (in a build with the rassim tag, only
// from the program's own folder), with every function the shim calls resolved once. Linked at
// load time, the loader would search the program's folder first, so a rasapi32.dll planted there
// would be the one called, and a Windows without RAS could not even start the program.
#ifndef WINRAS_SHIM_LOAD_H
#define WINRAS_SHIM_LOAD_H

#include <stdint.h>
#include <windows.h>
#include <ras.h>

// The outcome of winras_load: rc is 0, or the code of the call that failed; what names it
// ("LoadLibraryExW", or the function GetProcAddress did not find).
typedef struct winras_load_result {
	uint32_t rc;
	const char *what;
} winras_load_result;

// winras_load loads the DLL and resolves the functions. Go calls it once, before any other call
// into the shim; the table below is written only then.
winras_load_result winras_load(void);

typedef struct winras_rasapi {
	DWORD(WINAPI *enum_connections)(LPRASCONNW, LPDWORD, LPDWORD);
	DWORD(WINAPI *get_connect_status)(HRASCONN, LPRASCONNSTATUSW);
	DWORD(WINAPI *hang_up)(HRASCONN);
	DWORD(WINAPI *connection_notification)(HRASCONN, HANDLE, DWORD);
	DWORD(WINAPI *get_error_string)(UINT, LPWSTR, DWORD);
	DWORD(WINAPI *get_connection_statistics)(HRASCONN, RAS_STATS *);
	DWORD(WINAPI *get_link_statistics)(HRASCONN, DWORD, RAS_STATS *);
	DWORD(WINAPI *get_sub_entry_handle)(HRASCONN, DWORD, LPHRASCONN);
	DWORD(WINAPI *get_projection_info)(HRASCONN, RASPROJECTION, LPVOID, LPDWORD);
	DWORD(WINAPI *enum_entries)(LPCWSTR, LPCWSTR, LPRASENTRYNAMEW, LPDWORD, LPDWORD);
	// Their RASDIALPARAMSW and RASDIALEXTENSIONS are the shim's own types (shim_dial.c): mingw-w64's
	// ras.h lacks the newest layout.
	DWORD(WINAPI *get_entry_dial_params)(LPCWSTR, void *, LPBOOL);
	DWORD(WINAPI *dial)(void *, LPCWSTR, void *, DWORD, LPVOID, LPHRASCONN);
	// NULL on a Windows older than 7, which lacks it. Its RAS_PROJECTION_INFO is the shim's own
	// type (shim_projection.c): mingw-w64's ras.h may not have it.
	DWORD(WINAPI *get_projection_info_ex)(HRASCONN, void *, LPDWORD);
} winras_rasapi;

extern winras_rasapi winras_api;

#endif
