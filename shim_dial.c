//go:build windows && cgo

// The Windows-layout half of Dial (see shim_dial.h). RASDIALPARAMSW is packed to 4 bytes and
// versioned by dwSize; mingw-w64's ras.h has no 0x602 layout (szEncPassword), so the newest one is
// declared here and every offset this file relies on is pinned for amd64 and 386.
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <ras.h>
#include <raserror.h>

#include "shim.h"
#include "shim_dial.h"
#include "shim_hooks.h"
#include "shim_load.h"

#pragma pack(push, 4)
// RASDIALPARAMSW as of WINVER 0x602 (Windows 8); the older versions are its prefixes.
typedef struct rasdialparams602 {
	DWORD dwSize;
	WCHAR szEntryName[WINRAS_DIAL_ENTRY_CHARS];
	WCHAR szPhoneNumber[RAS_MaxPhoneNumber + 1];
	WCHAR szCallbackNumber[RAS_MaxCallbackNumber + 1];
	WCHAR szUserName[WINRAS_DIAL_USER_CHARS];
	WCHAR szPassword[WINRAS_DIAL_PASSWORD_CHARS];
	WCHAR szDomain[WINRAS_DIAL_DOMAIN_CHARS];
	DWORD dwSubEntry;
	ULONG_PTR dwCallbackId;
	DWORD dwIfIndex;
	LPWSTR szEncPassword;
} rasdialparams602;
#pragma pack(pop)

_Static_assert(offsetof(rasdialparams602, szEntryName) == 4, "szEntryName");
_Static_assert(offsetof(rasdialparams602, szUserName) == 1034, "szUserName");
_Static_assert(offsetof(rasdialparams602, szPassword) == 1548, "szPassword");
_Static_assert(offsetof(rasdialparams602, szDomain) == 2062, "szDomain");
_Static_assert(offsetof(rasdialparams602, dwSubEntry) == 2096, "RASDIALPARAMSW 0x400 is 2096 bytes");
_Static_assert(offsetof(rasdialparams602, dwCallbackId) == 2100, "dwCallbackId");
#ifdef _WIN64
_Static_assert(offsetof(rasdialparams602, dwIfIndex) == 2108, "RASDIALPARAMSW 0x401 is 2108 bytes on amd64");
_Static_assert(offsetof(rasdialparams602, szEncPassword) == 2112, "RASDIALPARAMSW 0x601 is 2112 bytes on amd64");
_Static_assert(sizeof(rasdialparams602) == 2120, "RASDIALPARAMSW 0x602 is 2120 bytes on amd64");
#else
_Static_assert(offsetof(rasdialparams602, dwIfIndex) == 2104, "RASDIALPARAMSW 0x401 is 2104 bytes on 386");
_Static_assert(offsetof(rasdialparams602, szEncPassword) == 2108, "RASDIALPARAMSW 0x601 is 2108 bytes on 386");
_Static_assert(sizeof(rasdialparams602) == 2112, "RASDIALPARAMSW 0x602 is 2112 bytes on 386");
#endif
_Static_assert(sizeof(winras_dial_note) == 32 && sizeof(winras_dial_result) == 48, "the same on both arches");

// Newest first. The 0x400 layout is not offered: it has no dwCallbackId, so its notifications
// could not be told apart, and every Windows that Go runs on takes 0x601 (XP took 0x401).
static const winras_version dial_versions[] = {
	{sizeof(rasdialparams602), WINRAS_LEVEL_602},
	{offsetof(rasdialparams602, szEncPassword), WINRAS_LEVEL_601},
	{offsetof(rasdialparams602, dwIfIndex), WINRAS_LEVEL_401},
};
#define NDIAL_VERSIONS (sizeof dial_versions / sizeof dial_versions[0])
_Static_assert(sizeof(((winras_dial_result *)0)->tried) / sizeof(uint32_t) >= NDIAL_VERSIONS, "tried holds every size");

// The index of the newest version this Windows accepted; racing first dials agree on it.
static volatile LONG dial_version;

// One dial in progress, from winras_dial to winras_dial_end.
typedef struct dial {
	struct dial *next;
	uint32_t id;
	uint32_t inside; // notifier calls that found this dial and have not left it yet
	HANDLE event;
	rasdialparams602 params;
	uint32_t first, queued, lost; // the queue: notes[first] is the oldest of queued
	winras_dial_note notes[WINRAS_DIAL_NOTES];
} dial;

// The dials in progress and the last id given, under the lock. The notifier runs on a thread of
// Windows' own while Go takes notifications and ends dials.
static SRWLOCK dials_lock = SRWLOCK_INIT;
static dial *dials;
static uint32_t last_id;
// Woken when a notifier call leaves a dial that is ending.
static CONDITION_VARIABLE left = CONDITION_VARIABLE_INIT;
// Notifier calls between their start and the moment they leave their dial, under the lock.
static uint32_t calls_running;
// A test's pause, in milliseconds, between the notifier's SetEvent and its leaving the dial.
static volatile LONG pause_after_event;

// Under the lock.
static dial **find(uint32_t id)
{
	dial **p = &dials;
	while (*p != NULL && (*p)->id != id)
		p = &(*p)->next;
	return p;
}

// The notifier (RasDialFunc2): it only queues what came and sets the dial's event. Returning 0
// tells Windows to send no more, for a dial that has ended (or was never ours). It leaves the dial
// under the lock as its last step, and winras_dial_end waits for that: once a dial has ended, no
// call of the notifier is still using it. Nothing here waits, so that wait is short.
static DWORD WINAPI notified(ULONG_PTR id, DWORD subentry, HRASCONN h, UINT msg, RASCONNSTATE state, DWORD error,
                             DWORD ext_error)
{
	(void)msg;
	FILETIME now;
	GetSystemTimePreciseAsFileTime(&now);
	AcquireSRWLockExclusive(&dials_lock);
	calls_running++;
	dial *d = id <= UINT32_MAX ? *find((uint32_t)id) : NULL;
	if (d != NULL) {
		d->inside++;
		if (d->queued == WINRAS_DIAL_NOTES) {
			d->lost++;
		} else {
			winras_dial_note *n = &d->notes[(d->first + d->queued) % WINRAS_DIAL_NOTES];
			n->handle = (uint64_t)(uintptr_t)h;
			n->filetime = ((uint64_t)now.dwHighDateTime << 32) | now.dwLowDateTime;
			n->state = (uint32_t)state;
			n->error = error;
			n->ext_error = ext_error;
			n->subentry = subentry;
			d->queued++;
		}
		// Outside the lock: Go, woken, takes the lock at once to read the queue.
		ReleaseSRWLockExclusive(&dials_lock);
		SetEvent(d->event);
		if (pause_after_event > 0)
			Sleep((DWORD)pause_after_event);
		AcquireSRWLockExclusive(&dials_lock);
		d->inside--;
		WakeAllConditionVariable(&left);
	}
	calls_running--;
	ReleaseSRWLockExclusive(&dials_lock);
	return d != NULL;
}

static const RASDIALFUNC2 notifier = notified;

// Copies the NUL-terminated src (NULL: empty) into the field dst of n units; 0, or 87 when it
// does not fit.
static uint32_t copy_field(WCHAR *dst, size_t n, const uint16_t *src)
{
	size_t len = 0;
	if (src == NULL) {
		dst[0] = 0;
		return 0;
	}
	while (len < n && src[len] != 0)
		len++;
	if (len == n)
		return ERROR_INVALID_PARAMETER;
	memcpy(dst, src, (len + 1) * sizeof(WCHAR));
	return 0;
}

// Fills d's parameters for version v and calls RasDialW, first RasGetEntryDialParamsW for the
// saved credentials when user and password are NULL.
static uint32_t try_dial(dial *d, LONG v, const uint16_t *phonebook, const uint16_t *entry, const uint16_t *user,
                         const uint16_t *password, const uint16_t *domain, winras_dial_result *res)
{
	rasdialparams602 *p = &d->params;
	SecureZeroMemory(p, sizeof *p);
	p->dwSize = dial_versions[v].size;
	uint32_t rc = copy_field(p->szEntryName, WINRAS_DIAL_ENTRY_CHARS, entry);
	if (rc != 0)
		return rc;
	if (user == NULL && password == NULL) {
		BOOL saved = FALSE;
		res->call = WINRAS_CALL_GET_ENTRY_DIAL_PARAMS;
		rc = winras_api.get_entry_dial_params(phonebook, p, &saved);
		if (rc != 0)
			return rc;
		// What came back is the entry's, whatever else Windows wrote there.
		p->dwSize = dial_versions[v].size;
		copy_field(p->szEntryName, WINRAS_DIAL_ENTRY_CHARS, entry);
		p->szPhoneNumber[0] = 0;
		p->szCallbackNumber[0] = 0;
		p->szUserName[WINRAS_DIAL_USER_CHARS - 1] = 0;
		p->szPassword[WINRAS_DIAL_PASSWORD_CHARS - 1] = 0;
		p->szDomain[WINRAS_DIAL_DOMAIN_CHARS - 1] = 0;
	} else if ((rc = copy_field(p->szUserName, WINRAS_DIAL_USER_CHARS, user)) != 0 ||
	           (rc = copy_field(p->szPassword, WINRAS_DIAL_PASSWORD_CHARS, password)) != 0) {
		return rc;
	}
	if (domain != NULL && (rc = copy_field(p->szDomain, WINRAS_DIAL_DOMAIN_CHARS, domain)) != 0)
		return rc;
	p->dwSubEntry = 0;
	p->dwCallbackId = d->id;
	p->dwIfIndex = 0;
	p->szEncPassword = NULL;
	// NULL on entry: a handle there would ask Windows to resume a paused dial.
	HRASCONN h = NULL;
	res->call = WINRAS_CALL_DIAL;
	rc = winras_api.dial(NULL, phonebook, p, 2, (LPVOID)notifier, &h);
	res->handle = (uint64_t)(uintptr_t)h;
	return rc;
}

winras_dial_result winras_dial(const uint16_t *phonebook, const uint16_t *entry, const uint16_t *user,
                               const uint16_t *password, const uint16_t *domain, uintptr_t event)
{
	winras_dial_result res;
	memset(&res, 0, sizeof res);
	dial *d = calloc(1, sizeof *d);
	if (d == NULL) {
		res.rc = ERROR_NOT_ENOUGH_MEMORY;
		return res;
	}
	d->event = (HANDLE)event;
	// Known before RasDialW is called: a notification may come before it returns.
	AcquireSRWLockExclusive(&dials_lock);
	do
		d->id = ++last_id;
	while (d->id == 0 || *find(d->id) != NULL);
	d->next = dials;
	dials = d;
	ReleaseSRWLockExclusive(&dials_lock);
	res.id = d->id;

	for (LONG v = dial_version;; v++) {
		res.rc = try_dial(d, v, phonebook, entry, user, password, domain, &res);
		// A size refused with a handle given is not a refusal to retry: the handle must go.
		if (res.rc != ERROR_INVALID_SIZE || res.handle != 0) {
			if (res.rc == 0)
				InterlockedExchange(&dial_version, v);
			res.level = dial_versions[v].level;
			return res;
		}
		res.tried[res.ntried++] = dial_versions[v].size;
		if ((size_t)v + 1 >= NDIAL_VERSIONS)
			return res;
	}
}

uint32_t winras_dial_take(uint32_t id, winras_dial_note *out, uint32_t max, uint32_t *lost)
{
	uint32_t n = 0;
	*lost = 0;
	AcquireSRWLockExclusive(&dials_lock);
	dial *d = *find(id);
	if (d != NULL) {
		for (; n < max && d->queued > 0; n++) {
			out[n] = d->notes[d->first];
			d->first = (d->first + 1) % WINRAS_DIAL_NOTES;
			d->queued--;
		}
		*lost = d->lost;
		d->lost = 0;
	}
	ReleaseSRWLockExclusive(&dials_lock);
	return n;
}

void winras_dial_end(uint32_t id)
{
	AcquireSRWLockExclusive(&dials_lock);
	dial **p = find(id);
	dial *d = *p;
	if (d != NULL) {
		*p = d->next;
		while (d->inside > 0)
			SleepConditionVariableSRW(&left, &dials_lock, INFINITE, 0);
	}
	ReleaseSRWLockExclusive(&dials_lock);
	if (d == NULL)
		return;
	SecureZeroMemory(&d->params, sizeof d->params);
	winras_hook_released(WINRAS_SECRET_DIAL_PARAMS, &d->params, sizeof d->params);
	free(d);
}

void winras_dial_test_pause(uint32_t ms)
{
	InterlockedExchange(&pause_after_event, (LONG)ms);
}

uint32_t winras_dial_calls_running(void)
{
	AcquireSRWLockShared(&dials_lock);
	uint32_t n = calls_running;
	ReleaseSRWLockShared(&dials_lock);
	return n;
}

uint32_t winras_dials(void)
{
	uint32_t n = 0;
	AcquireSRWLockShared(&dials_lock);
	for (dial *d = dials; d != NULL; d = d->next)
		n++;
	ReleaseSRWLockShared(&dials_lock);
	return n;
}
