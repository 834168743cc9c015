/* RasDialW: dials a phone-book entry through its script, state by state, as Microsoft documents
 * the call, including what a wrapper finds hardest:
 *
 * - with a notifier, the notifications come from a thread of the simulator's own, and RasDialW
 *   returns only once that thread has delivered every leading step without a delay, so that a
 *   script starting with one always calls back before the caller has the handle;
 * - a failed dial still gives a handle, which the caller must hang up;
 * - an entry already connected gives that connection's handle and no notification at all, and
 *   takes one more RasHangUp to end;
 * - RasHangUp stops a dial at any point; from the dial's own callback it happens once the
 *   callback returns.
 *
 * The thread never holds the service's lock while it calls back. When its dial ends it waits for the
 * next dial of the process instead of ending, as RAS's own worker outlives each dial: under Wine 8
 * a thread in the middle of ending when its process ends can crash the process (wine/README.md). */
#include "rassim.h"
#include <raserror.h>
#include <wchar.h>

#define DIAL_SYNC 0xFFFFFFFFu /* no notifier: the dial runs on the caller's thread */
#define POLL_MS 10u           /* how often a waiting dial looks whether it was hung up */

typedef VOID(WINAPI *DIAL_FUNC)(UINT msg, DWORD state, DWORD error);
typedef VOID(WINAPI *DIAL_FUNC1)(HANDLE h, UINT msg, DWORD state, DWORD error, DWORD extended);
typedef DWORD(WINAPI *DIAL_FUNC2)(ULONG_PTR callback_id, DWORD subentry, HANDLE h, UINT msg, DWORD state, DWORD error,
                                  DWORD extended);

static volatile LONG g_running;                        /* dials of this process in progress */
static INIT_ONCE g_pinned = INIT_ONCE_STATIC_INIT;

/* The script of an entry that has none: Windows' usual states, none failing, no delays. */
static const RASSIM_STEP default_script[] = {
    {RASCS_OPEN_PORT, 0, 0, 0},   {RASCS_PORT_OPENED, 0, 0, 0},           {RASCS_CONNECT_DEVICE, 0, 0, 0},
    {RASCS_DEVICE_CONNECTED, 0, 0, 0}, {RASCS_ALL_DEVICES_CONNECTED, 0, 0, 0}, {RASCS_AUTHENTICATE, 0, 0, 0},
    {RASCS_AUTH_NOTIFY, 0, 0, 0}, {RASCS_AUTHENTICATED, 0, 0, 0},
};

/* One dial, copied from the entry and the caller's RASDIALPARAMSW at the call: nothing here points
 * into the caller's memory but the notifier. */
typedef struct {
    SIM_SHARED *s;
    DWORD h;
    DWORD id;                /* SIM_SLOT.dial while this dial drives the connection */
    DWORD type;              /* RASDIAL_FUNC, RASDIAL_FUNC1, RASDIAL_FUNC2 or DIAL_SYNC */
    void *notifier;
    ULONG_PTR callback_id;   /* RASDIALPARAMS.dwCallbackId, for RasDialFunc2 */
    DWORD subentry;          /* what RasDialFunc2 is told */
    BOOL quiet;              /* a RasDialFunc2 returned 0: no more notifications */
    DWORD nsteps;
    RASSIM_STEP steps[RASSIM_MAX_STEPS];
    DWORD connect_delay_us;
    DWORD auth_step;         /* where the credentials are checked: the first Authenticate, or nsteps */
    BOOL auth_fails;
    HANDLE leading;          /* set once the leading steps without a delay are delivered */
} DIAL;

/* ---- where a dial stands ------------------------------------------------------------------ */

enum { GOES_ON, STOPPED, DROPPED };

/* Under the lock: the dial goes on, or it was stopped (hung up, or the service reset), or the
 * remote side dropped it (RasSimDrop). */
static int standing(DIAL *d, SIM_SLOT **out)
{
    SIM_SLOT *sl = sim_find(d->s, d->h);
    *out = sl;
    if (!sl || sl->dial != d->id || !(sl->flags & SLOT_DIALLING) ||
        (sl->flags & (SLOT_HUNG_UP | SLOT_HANG_UP_PENDING)))
        return STOPPED;
    return sl->flags & SLOT_ENDED ? DROPPED : GOES_ON;
}

static void leading_done(DIAL *d)
{
    if (d->leading) {
        SetEvent(d->leading);
        d->leading = NULL; /* RasDialW closes it once it is set */
    }
}

/* Sleeps us by QueryPerformanceCounter, looking now and then whether the dial was stopped, so that
 * a hung-up dial stops soon. */
static void pause_for(DIAL *d, DWORD us)
{
    LONGLONG due = sim_now() + sim_ticks(us), now, tick = sim_ticks(1000) ? sim_ticks(1000) : 1;
    SIM_SLOT *sl;
    int k;
    while ((now = sim_now()) < due) {
        LONGLONG ms = (due - now) / tick + 1;
        Sleep(ms < POLL_MS ? (DWORD)ms : POLL_MS);
        sim_lock(d->s);
        k = standing(d, &sl);
        sim_unlock(d->s);
        if (k != GOES_ON)
            return;
    }
}

/* ---- notifications ------------------------------------------------------------------------ */

static void call_back(DIAL *d, DWORD state, DWORD error, DWORD extended)
{
    HANDLE h = (HANDLE)(ULONG_PTR)d->h;
    switch (d->type) {
    case RASDIAL_FUNC:
        ((DIAL_FUNC)d->notifier)(WM_RASDIALEVENT, state, error);
        break;
    case RASDIAL_FUNC1:
        ((DIAL_FUNC1)d->notifier)(h, WM_RASDIALEVENT, state, error, extended);
        break;
    case RASDIAL_FUNC2:
        if (!((DIAL_FUNC2)d->notifier)(d->callback_id, d->subentry, h, WM_RASDIALEVENT, state, error, extended))
            d->quiet = TRUE;
        break;
    }
}

/* Tells the notifier (state, error, extended), unless the dial was hung up: decided under the lock,
 * so that no notification is decided after a RasHangUp has taken effect. While it runs, a RasHangUp
 * of this connection from the callback only marks it (svc_hang_up), and it happens here, once the
 * callback has returned. */
static void deliver(DIAL *d, DWORD state, DWORD error, DWORD extended)
{
    SIM_SHARED *s = d->s;
    SIM_FIRE f = {0};
    SIM_SLOT *sl;
    DWORD me = GetCurrentThreadId();
    BOOL go;
    if (d->type == DIAL_SYNC || d->quiet)
        return;
    sim_lock(s);
    sl = sim_find(s, d->h);
    go = sl && sl->dial == d->id && !(sl->flags & (SLOT_HUNG_UP | SLOT_HANG_UP_PENDING));
    if (go)
        sl->callback_thread = me;
    sim_unlock(s);
    if (!go)
        return;
    call_back(d, state, error, extended);
    sim_lock(s);
    sl = sim_find(s, d->h);
    if (sl && sl->dial == d->id && sl->callback_thread == me) {
        sl->callback_thread = 0;
        if (sl->flags & SLOT_HANG_UP_PENDING) {
            sl->flags &= ~SLOT_HANG_UP_PENDING;
            svc_hang_up(s, sl, &f);
        }
    }
    sim_unlock(s);
    sim_fire(s, &f);
}

/* ---- the dial ----------------------------------------------------------------------------- */

/* What a stopped dial returns to a synchronous caller, or a dropped one's error. */
static DWORD not_going_on(DIAL *d, int k)
{
    SIM_SLOT *sl;
    DWORD state, error;
    if (k == STOPPED)
        return ERROR_USER_DISCONNECTION;
    /* Dropped by the remote side while dialling: the dial failed with the drop's error. */
    sim_lock(d->s);
    if (standing(d, &sl) != DROPPED) {
        sim_unlock(d->s);
        return ERROR_USER_DISCONNECTION;
    }
    state = sl->state;
    error = sl->error;
    sl->flags &= ~SLOT_DIALLING;
    sim_unlock(d->s);
    deliver(d, state, error, 0);
    return error ? error : ERROR_DISCONNECTION;
}

/* The dial fails in state with error: dwError set, the handle valid (not listed) until hung up. */
static DWORD fail(DIAL *d, DWORD state, DWORD error, DWORD extended)
{
    SIM_SLOT *sl;
    int k;
    sim_lock(d->s);
    k = standing(d, &sl);
    if (k == GOES_ON) {
        sl->error = error;
        sl->flags &= ~SLOT_DIALLING;
    }
    sim_unlock(d->s);
    if (k != GOES_ON)
        return not_going_on(d, k);
    deliver(d, state, error, extended);
    return error;
}

/* Runs the script: each step after its delay sets the state and is reported, then fails the dial
 * if it has an error (or the credentials are wrong at it); after the last one and the connect
 * delay the connection is connected, listed and notified (RASCN_Connection) before the notifier
 * hears RASCS_Connected. Returns 0 or why the dial failed. */
static DWORD run(DIAL *d)
{
    SIM_SHARED *s = d->s;
    SIM_FIRE f = {0};
    SIM_SLOT *sl;
    DWORD i, state = RASCS_OPEN_PORT;
    int k;
    for (i = 0; i <= d->nsteps; i++) {
        const RASSIM_STEP *st = i < d->nsteps ? &d->steps[i] : NULL;
        DWORD delay = st ? st->dwDelayUs : d->connect_delay_us, error, extended;
        if (delay) {
            leading_done(d);
            pause_for(d, delay);
        }
        if (!st && d->auth_step == d->nsteps && d->auth_fails)
            return fail(d, state, ERROR_AUTHENTICATION_FAILURE, 0);
        sim_lock(s);
        k = standing(d, &sl);
        if (k == GOES_ON && st) {
            sl->state = st->dwState;
        } else if (k == GOES_ON) {
            svc_connect(s, sl, &f);
            sl->flags &= ~SLOT_DIALLING;
        }
        sim_unlock(s);
        if (k != GOES_ON)
            return not_going_on(d, k);
        if (!st)
            break;
        state = st->dwState;
        deliver(d, state, 0, 0);
        error = st->dwError;
        extended = st->dwExtendedError;
        if (i == d->auth_step && d->auth_fails) {
            error = ERROR_AUTHENTICATION_FAILURE;
            extended = 0;
        }
        if (error)
            return fail(d, state, error, extended);
    }
    sim_fire(s, &f);
    deliver(d, RASCS_CONNECTED, 0, 0);
    return 0;
}

/* A dial thread; between dials it waits on wake, in the idle list. */
typedef struct WORKER {
    struct WORKER *next;
    HANDLE wake;
    DIAL *dial;
} WORKER;

static SRWLOCK g_idle_lock = SRWLOCK_INIT;
static WORKER *g_idle;

static void dial_on_thread(DIAL *d)
{
    SIM_SLOT *sl;
    sim_lock(d->s);
    if (standing(d, &sl) == GOES_ON)
        sl->dial_thread = GetCurrentThreadId();
    sim_unlock(d->s);
    run(d);
    leading_done(d);
    HeapFree(GetProcessHeap(), 0, d);
    InterlockedDecrement(&g_running);
}

static DWORD WINAPI worker_thread(void *param)
{
    WORKER *w = param;
    do {
        dial_on_thread(w->dial);
        AcquireSRWLockExclusive(&g_idle_lock);
        w->dial = NULL;
        w->next = g_idle;
        g_idle = w;
        ReleaseSRWLockExclusive(&g_idle_lock);
    } while (WaitForSingleObject(w->wake, INFINITE) == WAIT_OBJECT_0);
    return 0;
}

/* Hands d to an idle dial thread, or to a new one. */
static BOOL start_dial_thread(DIAL *d)
{
    WORKER *w;
    HANDLE thread;
    AcquireSRWLockExclusive(&g_idle_lock);
    w = g_idle;
    if (w)
        g_idle = w->next;
    ReleaseSRWLockExclusive(&g_idle_lock);
    if (w) {
        w->dial = d;
        SetEvent(w->wake);
        return TRUE;
    }
    w = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*w));
    if (!w)
        return FALSE;
    w->dial = d;
    w->wake = CreateEventW(NULL, FALSE, FALSE, NULL);
    thread = w->wake ? CreateThread(NULL, 0, worker_thread, w, 0, NULL) : NULL;
    if (!thread) {
        if (w->wake)
            CloseHandle(w->wake);
        HeapFree(GetProcessHeap(), 0, w);
        return FALSE;
    }
    CloseHandle(thread);
    return TRUE;
}

/* The thread runs this DLL's code: pinned, no FreeLibrary can unload it from under the thread. */
static BOOL CALLBACK pin(PINIT_ONCE once, PVOID param, PVOID *context)
{
    HMODULE self;
    (void)once;
    (void)param;
    (void)context;
    return GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                              (LPCWSTR)(void *)&g_running, &self);
}

/* ---- RasDialW ----------------------------------------------------------------------------- */

/* A string of at most n characters, terminated within dst's n + 1. */
static void copy_field(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t i;
    for (i = 0; i < n && src[i]; i++)
        dst[i] = src[i];
    dst[i] = 0;
}

static BOOL credentials_ok(const RASSIM_ENTRY *e, const WCHAR *user, const WCHAR *password, const WCHAR *domain)
{
    if (!e->szUserName[0])
        return TRUE;
    if (!sim_same_text(user, e->szUserName) || !sim_same_text(domain, e->szDomain))
        return FALSE;
    if (wcscmp(password, e->szPassword) == 0)
        return TRUE;
    return (e->dwFlags & RASSIM_ENTRY_SAVED) && wcscmp(password, RASSIM_SAVED_PASSWORD) == 0;
}

static BOOL same_entry(const SIM_SLOT *sl, const RASSIM_ENTRY *e)
{
    return !(sl->flags & (SLOT_SUBENTRY | SLOT_HUNG_UP)) && sim_same_text(sl->conn.szEntryName, e->szEntryName) &&
           sim_same_text(sl->conn.szPhonebook, e->szPhonebook);
}

/* The connected connection of entry e (made by RasDialW or RasSimAdd), or NULL. */
static SIM_SLOT *connected(SIM_SHARED *s, const RASSIM_ENTRY *e)
{
    DWORD i;
    for (i = 0; i < s->nlisted; i++)
        if (same_entry(&s->slots[s->listed[i]], e))
            return &s->slots[s->listed[i]];
    return NULL;
}

/* Whether entry e is being dialled. A dial whose thread is gone (its process exited mid-dial)
 * stopped where it was: its connection stays, never to connect, and does not hold the entry. */
static BOOL dialling(SIM_SHARED *s, const RASSIM_ENTRY *e)
{
    DWORD i;
    for (i = 0; i < SIM_MAX_SLOTS; i++)
        if (s->slots[i].hconn && (s->slots[i].flags & SLOT_DIALLING) && same_entry(&s->slots[i], e) &&
            !sim_thread_gone(s->slots[i].dial_thread))
            return TRUE;
    return FALSE;
}

/* A correlation ID of the connection's own: numbered in the service, shaped as a random GUID. */
static void new_correlation(SIM_SHARED *s, GUID *g)
{
    LONGLONG t = sim_now();
    g->Data1 = ++s->next_correlation;
    g->Data2 = (WORD)GetCurrentProcessId();
    g->Data3 = (WORD)(0x4000u | ((DWORD)t & 0x0FFFu));
    memcpy(g->Data4, &t, sizeof(g->Data4));
    g->Data4[0] = (BYTE)(0x80u | (g->Data4[0] & 0x3Fu));
}

/* The connection an unknown entry gets: RASCS_OpenPort, dwError 623, never listed. Windows gives a
 * failed dial a handle, and the caller must hang it up. */
static DWORD not_found(SIM_SHARED *s, const WCHAR *phonebook, const WCHAR *name, const WCHAR *phone, DWORD *h)
{
    RASSIM_CONN c;
    DWORD rc;
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    copy_field(c.szEntryName, name, RAS_MAX_ENTRY_NAME);
    copy_field(c.szPhoneNumber, phone, RAS_MAX_PHONE_NUMBER);
    if (phonebook)
        copy_field(c.szPhonebook, phonebook, MAX_PATH - 1);
    rc = svc_dial(s, &c, s->reuse, h);
    if (rc)
        return rc;
    s->reuse = 0;
    sim_find(s, *h)->error = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
}

/* A new connection of entry e in RASCS_OpenPort, driven by dial d, which gets e's script. */
static DWORD start(SIM_SHARED *s, const RASSIM_ENTRY *e, const WCHAR *phone, DIAL *d)
{
    RASSIM_CONN c;
    SIM_SLOT *sl;
    DWORD rc, i;
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwFlags = e->dwFlags & RASSIM_ENTRY_ALL_USERS ? RASCF_ALL_USERS : 0;
    c.guidEntry = e->guidEntry;
    new_correlation(s, &c.guidCorrelationId);
    memcpy(c.szEntryName, e->szEntryName, sizeof(c.szEntryName));
    memcpy(c.szPhonebook, e->szPhonebook, sizeof(c.szPhonebook));
    memcpy(c.szDeviceType, e->szDeviceType, sizeof(c.szDeviceType));
    memcpy(c.szDeviceName, e->szDeviceName, sizeof(c.szDeviceName));
    /* RASDIALPARAMS.szPhoneNumber, when given, overrides the entry's. */
    memcpy(c.szPhoneNumber, phone[0] ? phone : e->szPhoneNumber, sizeof(c.szPhoneNumber));
    rc = svc_dial(s, &c, s->reuse, &d->h);
    if (rc)
        return rc;
    s->reuse = 0;
    sl = sim_find(s, d->h);
    if (!++s->next_dial)
        ++s->next_dial;
    d->id = sl->dial = s->next_dial;
    sl->dial_thread = GetCurrentThreadId(); /* until a dial thread of its own takes over */
    sl->flags |= SLOT_DIALLING;

    if (e->dwSteps) {
        d->nsteps = e->dwSteps;
        memcpy(d->steps, e->steps, e->dwSteps * sizeof(RASSIM_STEP));
    } else {
        d->nsteps = ARRAYSIZE(default_script);
        memcpy(d->steps, default_script, sizeof(default_script));
    }
    d->connect_delay_us = e->dwConnectDelayUs;
    for (i = 0; i < d->nsteps && d->steps[i].dwState != RASCS_AUTHENTICATE; i++)
        ;
    d->auth_step = i;
    return 0;
}

/* RasDialW, in this order: an injected fault; NULL params or lphRasConn 87; a notifier of an
 * unknown type 87 (0xFFFFFFFF, a window, included); a size the profile does not take 632; a
 * non-NULL *lphRasConn 6 (it would resume a paused dial, and no dial here ever pauses); an unknown
 * entry 623 with a handle; an entry connected already: its handle, no notification; one being
 * dialled 756. Then the dial: synchronous without a notifier, else on a thread of its own. */
DWORD WINAPI RasDialW(RASDIALEXTENSIONS_SIM *extensions, const WCHAR *phonebook, RASDIALPARAMSW_SIM *params,
                      DWORD notifier_type, void *notifier, HANDLE *lphRasConn)
{
    SIM_SHARED *s;
    const RASSIM_ENTRY *e;
    SIM_SLOT *sl;
    DIAL sync, *d;
    HANDLE ev;
    WCHAR name[RAS_MAX_ENTRY_NAME + 1], phone[RAS_MAX_PHONE_NUMBER + 1];
    WCHAR user[RAS_MAX_USER_NAME + 1], password[RAS_MAX_PASSWORD + 1], domain[RAS_MAX_DOMAIN + 1];
    DWORD rc = sim_enter(RASSIM_DIAL, &s), size, ext_size = 0, h = 0;
    BOOL is_new = FALSE;

    if (rc)
        return rc;
    if (!params || !lphRasConn || (notifier && notifier_type > RASDIAL_FUNC2))
        return ERROR_INVALID_PARAMETER;
    size = params->dwSize;
    sim_secret_received(RASSIM_DIAL, params, size);
    if (extensions)
        ext_size = extensions->dwSize;
    sim_lock(s);
    rc = svc_dial_params_size_ok(s, size) && (!extensions || svc_dial_extensions_size_ok(s, ext_size))
             ? 0
             : ERROR_INVALID_SIZE;
    sim_unlock(s);
    if (rc)
        return rc;
    if (*lphRasConn)
        return ERROR_INVALID_HANDLE;

    /* Everything the dial needs is copied now: the caller may free params once RasDialW returns. */
    d = notifier ? HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(DIAL)) : &sync;
    if (!d)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!notifier)
        memset(d, 0, sizeof(*d));
    d->s = s;
    d->type = notifier ? notifier_type : DIAL_SYNC;
    d->notifier = notifier;
    copy_field(name, params->szEntryName, RAS_MAX_ENTRY_NAME);
    copy_field(phone, params->szPhoneNumber, RAS_MAX_PHONE_NUMBER);
    copy_field(user, params->szUserName, RAS_MAX_USER_NAME);
    copy_field(password, params->szPassword, RAS_MAX_PASSWORD);
    copy_field(domain, params->szDomain, RAS_MAX_DOMAIN);
    d->subentry = 1; /* RasDialFunc2 names the link: a single-link entry's is the first */
    if (size >= RASDIALPARAMSW_401) {
        d->callback_id = params->dwCallbackId;
        if (params->dwSubEntry)
            d->subentry = params->dwSubEntry;
    }

    sim_lock(s);
    e = pbk_find(s, phonebook, name);
    if (!e) {
        rc = not_found(s, phonebook, name, phone, &h);
    } else if ((sl = connected(s, e))) {
        /* Connected already: its handle, one reference more, and no notification at all. */
        sl->refs++;
        h = sl->hconn;
    } else if (dialling(s, e)) {
        rc = ERROR_DIAL_ALREADY_IN_PROGRESS;
    } else if (!(rc = start(s, e, phone, d))) {
        d->auth_fails = !credentials_ok(e, user, password, domain);
        h = d->h;
        is_new = TRUE;
    }
    sim_unlock(s);

    if (!is_new) {
        if (d != &sync)
            HeapFree(GetProcessHeap(), 0, d);
        if (h)
            *lphRasConn = (HANDLE)(ULONG_PTR)h;
        return rc;
    }
    if (d == &sync) {
        rc = run(d);
        *lphRasConn = (HANDLE)(ULONG_PTR)h;
        return rc;
    }

    /* The thread: RasDialW waits until it has run the leading steps without a delay (which also
     * means it has started: under 32-bit Wine 8 a process that exits while one of its threads is
     * starting may crash). */
    InitOnceExecuteOnce(&g_pinned, pin, NULL, NULL);
    ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    d->leading = ev;
    InterlockedIncrement(&g_running);
    if (!ev || !start_dial_thread(d)) {
        InterlockedDecrement(&g_running);
        HeapFree(GetProcessHeap(), 0, d);
        if (ev)
            CloseHandle(ev);
        sim_lock(s);
        sl = sim_find(s, h);
        if (sl) {
            sl->error = ERROR_NOT_ENOUGH_MEMORY;
            sl->flags &= ~SLOT_DIALLING;
        }
        sim_unlock(s);
        *lphRasConn = (HANDLE)(ULONG_PTR)h;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    WaitForSingleObject(ev, INFINITE);
    CloseHandle(ev);
    *lphRasConn = (HANDLE)(ULONG_PTR)h;
    return 0;
}

/* ---- the control surface ------------------------------------------------------------------ */

/* Connection handles issued (RasDialW, RasSimDial, RasSimAdd) and not hung up yet, one per
 * RasHangUp still owed: a connection that several RasDialW calls returned counts for each. */
DWORD WINAPI RasSimOpenHandles(DWORD *count)
{
    SIM_SHARED *s = sim_shared();
    DWORD i, n = 0;
    if (!s)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    if (!count)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    for (i = 0; i < SIM_MAX_SLOTS; i++) {
        const SIM_SLOT *sl = &s->slots[i];
        if (sl->hconn && !(sl->flags & (SLOT_SUBENTRY | SLOT_HUNG_UP)))
            n += sl->refs;
    }
    sim_unlock(s);
    *count = n;
    return 0;
}

/* The asynchronous dials of this process still in progress. */
DWORD WINAPI RasSimDialsRunning(DWORD *count)
{
    if (!count)
        return ERROR_INVALID_PARAMETER;
    *count = (DWORD)g_running;
    return 0;
}
