//go:build windows && cgo

#include <windows.h>

#include "shim_load.h"

winras_rasapi winras_api;

// Go 1.21 and later run on Windows 10 and later only, where LoadLibraryExW takes the search flags
// (Windows 7 needed KB2533623 for them).
#ifdef WINRAS_PROGRAM_FOLDER
#define RASAPI32_SEARCH LOAD_LIBRARY_SEARCH_APPLICATION_DIR
#else
#define RASAPI32_SEARCH LOAD_LIBRARY_SEARCH_SYSTEM32
#endif

// FARPROC is not the function's type: the cast through a plain function pointer says so to gcc
// (-Wcast-function-type).
#define RESOLVE(m, field, name) ((field) = (__typeof__(field))(void (*)(void))GetProcAddress((m), (name)))

static winras_load_result failed(const char *what)
{
	winras_load_result res = {GetLastError(), what};
	return res;
}

winras_load_result winras_load(void)
{
	HMODULE m = LoadLibraryExW(L"rasapi32.dll", NULL, RASAPI32_SEARCH);
	if (m == NULL)
		return failed("LoadLibraryExW");
	winras_rasapi api;
	// The module stays loaded for the life of the process, as a DLL linked at load time would.
	if (!RESOLVE(m, api.enum_connections, "RasEnumConnectionsW"))
		return failed("RasEnumConnectionsW");
	if (!RESOLVE(m, api.get_connect_status, "RasGetConnectStatusW"))
		return failed("RasGetConnectStatusW");
	if (!RESOLVE(m, api.hang_up, "RasHangUpW"))
		return failed("RasHangUpW");
	if (!RESOLVE(m, api.connection_notification, "RasConnectionNotificationW"))
		return failed("RasConnectionNotificationW");
	if (!RESOLVE(m, api.get_error_string, "RasGetErrorStringW"))
		return failed("RasGetErrorStringW");
	if (!RESOLVE(m, api.get_connection_statistics, "RasGetConnectionStatistics"))
		return failed("RasGetConnectionStatistics");
	if (!RESOLVE(m, api.get_link_statistics, "RasGetLinkStatistics"))
		return failed("RasGetLinkStatistics");
	if (!RESOLVE(m, api.get_sub_entry_handle, "RasGetSubEntryHandleW"))
		return failed("RasGetSubEntryHandleW");
	if (!RESOLVE(m, api.get_projection_info, "RasGetProjectionInfoW"))
		return failed("RasGetProjectionInfoW");
	if (!RESOLVE(m, api.enum_entries, "RasEnumEntriesW"))
		return failed("RasEnumEntriesW");
	if (!RESOLVE(m, api.get_entry_dial_params, "RasGetEntryDialParamsW"))
		return failed("RasGetEntryDialParamsW");
	if (!RESOLVE(m, api.dial, "RasDialW"))
		return failed("RasDialW");
	RESOLVE(m, api.get_projection_info_ex, "RasGetProjectionInfoEx");
	winras_api = api;
	winras_load_result ok = {0, NULL};
	return ok;
}
