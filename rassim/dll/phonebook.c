/* The phone books: the entries RasSimAddEntry adds, which RasEnumEntries lists, RasDialW dials
 * and RasGetEntryDialParamsW reads the saved credentials of. They live in the shared state, in the
 * order they were added, each in one phone-book file (a .pbk path). */
#include "rassim.h"
#include <raserror.h>

/* Names and phone-book paths compare as Windows compares them: ignoring case. */
BOOL sim_same_text(const WCHAR *a, const WCHAR *b)
{
    return CompareStringOrdinal(a, -1, b, -1, TRUE) == CSTR_EQUAL;
}

/* NULL or "" names every phone book, as for RasEnumEntries and RasDial. */
static BOOL any_book(const WCHAR *phonebook)
{
    return !phonebook || !phonebook[0];
}

static BOOL in_book(const RASSIM_ENTRY *e, const WCHAR *phonebook)
{
    return any_book(phonebook) || sim_same_text(e->szPhonebook, phonebook);
}

/* The entry called name in phonebook (NULL or "": the first of that name in any book), or NULL. */
const RASSIM_ENTRY *pbk_find(SIM_SHARED *s, const WCHAR *phonebook, const WCHAR *name)
{
    DWORD i;
    if (!name[0])
        return NULL;
    for (i = 0; i < s->nentries && i < RASSIM_MAX_ENTRIES; i++)
        if (in_book(&s->entries[i], phonebook) && sim_same_text(s->entries[i].szEntryName, name))
            return &s->entries[i];
    return NULL;
}

/* ---- RasEnumEntries ----------------------------------------------------------------------- */

/* The entry as RASENTRYNAMEW lists it: the name and path fill their whole arrays with no NUL
 * when the entry says so (the entry itself keeps them terminated, to be found by name). */
static void entry_name_w(RASENTRYNAMEW_SIM *o, const RASSIM_ENTRY *e)
{
    memcpy(o->szEntryName, e->szEntryName, sizeof(e->szEntryName));
    if (e->dwFlags & RASSIM_ENTRY_UNTERMINATED_NAME)
        sim_unterminate(o->szEntryName, ARRAYSIZE(o->szEntryName));
    o->dwFlags = e->dwFlags & RASSIM_ENTRY_ALL_USERS ? REN_ALL_USERS : 0;
    memcpy(o->szPhonebookPath, e->szPhonebook, sizeof(e->szPhonebook));
    if (e->dwFlags & RASSIM_ENTRY_UNTERMINATED_PHONEBOOK)
        sim_unterminate(o->szPhonebookPath, ARRAYSIZE(o->szPhonebookPath));
}

static void write_entry_w(BYTE *dst, DWORD size, const RASSIM_ENTRY *e)
{
    RASENTRYNAMEW_SIM o;
    memset(&o, 0, sizeof(o));
    o.dwSize = size;
    entry_name_w(&o, e);
    memcpy(dst, &o, size);
    sim_pad(dst, size, SIM_END(RASENTRYNAMEW_SIM, szEntryName), offsetof(RASENTRYNAMEW_SIM, dwFlags));
    sim_pad(dst, size, SIM_END(RASENTRYNAMEW_SIM, szPhonebookPath), sizeof(RASENTRYNAMEW_SIM));
}

static void write_entry_a(BYTE *dst, DWORD size, const RASSIM_ENTRY *e)
{
    RASENTRYNAMEW_SIM w;
    RASENTRYNAMEA_SIM o;
    memset(&w, 0, sizeof(w));
    entry_name_w(&w, e);
    memset(&o, 0, sizeof(o));
    o.dwSize = size;
    sim_w2a(o.szEntryName, sizeof(o.szEntryName), w.szEntryName, ARRAYSIZE(w.szEntryName));
    o.dwFlags = w.dwFlags;
    sim_w2a(o.szPhonebookPath, sizeof(o.szPhonebookPath), w.szPhonebookPath, ARRAYSIZE(w.szPhonebookPath));
    memcpy(dst, &o, size);
    sim_pad(dst, size, SIM_END(RASENTRYNAMEA_SIM, szEntryName), offsetof(RASENTRYNAMEA_SIM, dwFlags));
    sim_pad(dst, size, SIM_END(RASENTRYNAMEA_SIM, szPhonebookPath), sizeof(RASENTRYNAMEA_SIM));
}

/* Sizes exactly as RasEnumConnections does: the probe (NULL buffer) answers 603 with the bytes
 * for every entry at the newest size, or 0 with none; a buffer too small answers 603 with the
 * bytes needed at the caller's dwSize and the count; an injected 603 reads as one more entry. */
static DWORD enum_entries(BOOL ansi, const void *reserved, const WCHAR *phonebook, void *buf, DWORD *lpcb,
                          DWORD *lpcEntries)
{
    const DWORD v400 = ansi ? RASENTRYNAMEA_400 : RASENTRYNAMEW_400;
    const DWORD v500 = ansi ? RASENTRYNAMEA_500 : RASENTRYNAMEW_500;
    SIM_SHARED *s;
    DWORD rc = sim_enter(RASSIM_ENUM_ENTRIES, &s), size = 0, count = 0, i, k, holds = 0;

    if (rc == ERROR_BUFFER_TOO_SMALL && !reserved && lpcb && lpcEntries) {
        sim_lock(s);
        if (buf)
            memcpy(&size, buf, sizeof(size));
        if (!buf || (size != v400 && size != v500))
            size = v500;
        for (i = 0; i < s->nentries; i++)
            count += in_book(&s->entries[i], phonebook);
        *lpcEntries = count + 1;
        *lpcb = *lpcEntries * size;
        sim_unlock(s);
    }
    if (rc)
        return sim_leave(s, RASSIM_ENUM_ENTRIES, rc, lpcb, lpcEntries, 0);
    if (reserved || !lpcb || !lpcEntries)
        return ERROR_INVALID_PARAMETER;

    sim_lock(s);
    for (i = 0; i < s->nentries; i++)
        count += in_book(&s->entries[i], phonebook);
    if (!buf) {
        *lpcb = count * v500;
        *lpcEntries = count;
        rc = count ? ERROR_BUFFER_TOO_SMALL : 0;
    } else {
        memcpy(&size, buf, sizeof(size));
        if (size != v400 && size != v500) {
            rc = ERROR_INVALID_SIZE;
        } else if (*lpcb < size || *lpcb / size < count) {
            *lpcb = (count ? count : 1) * size;
            *lpcEntries = count;
            rc = ERROR_BUFFER_TOO_SMALL;
        } else {
            holds = *lpcb / size;
            for (i = 0, k = 0; i < s->nentries; i++)
                if (in_book(&s->entries[i], phonebook))
                    (ansi ? write_entry_a : write_entry_w)((BYTE *)buf + k++ * size, size, &s->entries[i]);
            *lpcb = count * size;
            *lpcEntries = count;
        }
    }
    sim_unlock(s);
    return sim_leave(s, RASSIM_ENUM_ENTRIES, rc, lpcb, lpcEntries, holds);
}

DWORD WINAPI RasEnumEntriesW(const WCHAR *reserved, const WCHAR *phonebook, RASENTRYNAMEW_SIM *lprasentryname,
                             DWORD *lpcb, DWORD *lpcEntries)
{
    return enum_entries(FALSE, reserved, phonebook, lprasentryname, lpcb, lpcEntries);
}

/* The A form converts the phone-book path and shares the rest. */
DWORD WINAPI RasEnumEntriesA(const CHAR *reserved, const CHAR *phonebook, RASENTRYNAMEA_SIM *lprasentryname,
                             DWORD *lpcb, DWORD *lpcEntries)
{
    WCHAR path[MAX_PATH];
    const WCHAR *book = NULL;
    if (phonebook && phonebook[0]) {
        /* A path too long for MAX_PATH names no book the simulator holds. */
        if (!MultiByteToWideChar(CP_ACP, 0, phonebook, -1, path, ARRAYSIZE(path)))
            lstrcpyW(path, L"\\\\?\\rassim: no such phone book");
        book = path;
    }
    return enum_entries(TRUE, reserved, book, lprasentryname, lpcb, lpcEntries);
}

/* ---- RasGetEntryDialParamsW --------------------------------------------------------------- */

/* Writes the entry's saved credentials into the caller's RASDIALPARAMSW (every accepted size has
 * them): the user name and domain, and for the password not the password but the stand-in that
 * RasDialW takes for it, as Windows does. With nothing saved: empty strings and FALSE. The entry
 * name, phone number and the rest are the caller's and stay as they were. */
DWORD WINAPI RasGetEntryDialParamsW(const WCHAR *phonebook, RASDIALPARAMSW_SIM *params, BOOL *lpfPassword)
{
    SIM_SHARED *s;
    const RASSIM_ENTRY *e;
    WCHAR name[RAS_MAX_ENTRY_NAME + 1];
    DWORD rc = sim_enter(RASSIM_GET_ENTRY_DIAL_PARAMS, &s), size;
    if (rc)
        return rc;
    if (!params || !lpfPassword)
        return ERROR_INVALID_PARAMETER;
    memcpy(&size, &params->dwSize, sizeof(size));
    memcpy(name, params->szEntryName, sizeof(name));
    name[RAS_MAX_ENTRY_NAME] = 0;
    sim_lock(s);
    if (!svc_dial_params_size_ok(s, size)) {
        rc = ERROR_INVALID_SIZE;
    } else if (!(e = pbk_find(s, phonebook, name))) {
        rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    } else if (e->dwFlags & RASSIM_ENTRY_SAVED) {
        memcpy(params->szUserName, e->szUserName, sizeof(params->szUserName));
        memset(params->szPassword, 0, sizeof(params->szPassword));
        lstrcpyW(params->szPassword, RASSIM_SAVED_PASSWORD);
        memcpy(params->szDomain, e->szDomain, sizeof(params->szDomain));
        *lpfPassword = TRUE;
    } else {
        memset(params->szUserName, 0, sizeof(params->szUserName));
        memset(params->szPassword, 0, sizeof(params->szPassword));
        memset(params->szDomain, 0, sizeof(params->szDomain));
        *lpfPassword = FALSE;
    }
    sim_unlock(s);
    return rc;
}

/* ---- the control surface -------------------------------------------------------------------- */

static void terminate(WCHAR *field, size_t n)
{
    field[n - 1] = 0;
}

/* The book an entry without one is in: the All Users one or the user's, where Windows keeps them. */
static void default_book(RASSIM_ENTRY *e)
{
    const WCHAR *path = e->dwFlags & RASSIM_ENTRY_ALL_USERS
                            ? L"%ProgramData%\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk"
                            : L"%APPDATA%\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk";
    DWORD n = ExpandEnvironmentStringsW(path, e->szPhonebook, ARRAYSIZE(e->szPhonebook));
    /* An environment without the variable (or a path too long) gets the usual folder's path. */
    if (n == 0 || n > ARRAYSIZE(e->szPhonebook) || e->szPhonebook[0] == L'%')
        lstrcpyW(e->szPhonebook, e->dwFlags & RASSIM_ENTRY_ALL_USERS
                                     ? L"C:\\ProgramData\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk"
                                     : L"C:\\users\\Public\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk");
}

static BOOL entry_ok(const RASSIM_ENTRY *e)
{
    DWORD i;
    if (e->dwSize != sizeof(*e) || (e->dwFlags & ~RASSIM_ENTRY_FLAGS) || e->dwSteps > RASSIM_MAX_STEPS ||
        e->dwConnectDelayUs > RASSIM_MAX_STEP_DELAY_US || !e->szEntryName[0])
        return FALSE;
    /* The dial ends in RASCS_Connected or a failure; a script does not say so itself. */
    for (i = 0; i < e->dwSteps; i++)
        if (e->steps[i].dwState == RASCS_CONNECTED || e->steps[i].dwState == RASCS_DISCONNECTED ||
            e->steps[i].dwDelayUs > RASSIM_MAX_STEP_DELAY_US)
            return FALSE;
    return TRUE;
}

/* Adds an entry to its phone book, or replaces the one of the same name in the same book (which
 * keeps its place in the order). A dial already under way goes on with what it copied. */
DWORD WINAPI RasSimAddEntry(const RASSIM_ENTRY *entry)
{
    SIM_SHARED *s = sim_shared();
    RASSIM_ENTRY e;
    DWORD i, rc = 0;
    if (!s)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    if (!entry || !entry_ok(entry))
        return ERROR_INVALID_PARAMETER;
    e = *entry;
    terminate(e.szEntryName, ARRAYSIZE(e.szEntryName));
    terminate(e.szPhonebook, ARRAYSIZE(e.szPhonebook));
    terminate(e.szDeviceType, ARRAYSIZE(e.szDeviceType));
    terminate(e.szDeviceName, ARRAYSIZE(e.szDeviceName));
    terminate(e.szPhoneNumber, ARRAYSIZE(e.szPhoneNumber));
    terminate(e.szUserName, ARRAYSIZE(e.szUserName));
    terminate(e.szPassword, ARRAYSIZE(e.szPassword));
    terminate(e.szDomain, ARRAYSIZE(e.szDomain));
    memset(e.steps + e.dwSteps, 0, (RASSIM_MAX_STEPS - e.dwSteps) * sizeof(RASSIM_STEP));
    if (!e.szPhonebook[0])
        default_book(&e);
    sim_lock(s);
    for (i = 0; i < s->nentries; i++)
        if (sim_same_text(s->entries[i].szPhonebook, e.szPhonebook) &&
            sim_same_text(s->entries[i].szEntryName, e.szEntryName))
            break;
    if (i < s->nentries)
        s->entries[i] = e;
    else if (s->nentries < RASSIM_MAX_ENTRIES)
        s->entries[s->nentries++] = e;
    else
        rc = ERROR_NOT_ENOUGH_MEMORY;
    sim_unlock(s);
    return rc;
}

/* Removes the entry called name from phonebook (NULL or "": from every book); 623 when there is
 * none. */
DWORD WINAPI RasSimRemoveEntry(const WCHAR *phonebook, const WCHAR *name)
{
    SIM_SHARED *s = sim_shared();
    DWORD i = 0, removed = 0;
    if (!s)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    if (!name)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    while (i < s->nentries) {
        if (in_book(&s->entries[i], phonebook) && sim_same_text(s->entries[i].szEntryName, name)) {
            memmove(&s->entries[i], &s->entries[i + 1], (s->nentries - i - 1) * sizeof(RASSIM_ENTRY));
            s->nentries--;
            removed++;
        } else {
            i++;
        }
    }
    sim_unlock(s);
    return removed ? 0 : ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
}

/* The index-th entry (from 0, in the order added), with its default book filled in; 259
 * ERROR_NO_MORE_ITEMS past the last. */
DWORD WINAPI RasSimEntry(DWORD index, RASSIM_ENTRY *entry)
{
    SIM_SHARED *s = sim_shared();
    DWORD rc = 0;
    if (!s)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    if (!entry || entry->dwSize != sizeof(*entry))
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    if (index < s->nentries)
        *entry = s->entries[index];
    else
        rc = ERROR_NO_MORE_ITEMS;
    sim_unlock(s);
    return rc;
}
