/* The control surface: plain exports that drive the simulated RAS service. They neither count as
 * RAS calls nor pay the service cost nor meet injected faults. */
#include "rassim.h"
#include <raserror.h>

/* The service, or ERROR_RASMAN_CANNOT_INITIALIZE when the shared state cannot be mapped. */
#define SERVICE(s)                                                                                 \
    SIM_SHARED *s = sim_shared();                                                                  \
    if (!s)                                                                                        \
    return ERROR_RASMAN_CANNOT_INITIALIZE

DWORD WINAPI RasSimVersion(DWORD *magic, DWORD *version)
{
    if (!magic || !version)
        return ERROR_INVALID_PARAMETER;
    *magic = RASSIM_MAGIC;
    *version = RASSIM_VERSION;
    return 0;
}

/* Where the last secret-bearing structure each RAS call received was, in this process (addresses
 * mean nothing in another): what a test looks at to see that the caller zeroes its copy. */
typedef struct {
    ULONG_PTR address;
    DWORD size;
} SIM_SECRET;

static SRWLOCK g_secrets_lock = SRWLOCK_INIT;
static SIM_SECRET g_secrets[RASSIM_NFUNCS];

/* The calls whose arguments carry a secret: RasDialW's RASDIALPARAMSW, its password. */
static BOOL takes_secret(DWORD func)
{
    return func == RASSIM_DIAL;
}

void sim_secret_received(DWORD func, const void *p, DWORD size)
{
    if (!takes_secret(func))
        return;
    AcquireSRWLockExclusive(&g_secrets_lock);
    g_secrets[func].address = (ULONG_PTR)p;
    g_secrets[func].size = size;
    ReleaseSRWLockExclusive(&g_secrets_lock);
}

/* The address and dwSize of the last secret-bearing structure func received in this process since
 * its last reset (0 and 0: none); 87 for a call that takes no secret. */
DWORD WINAPI RasSimLastSecret(DWORD func, ULONG_PTR *address, DWORD *size)
{
    if (func >= RASSIM_NFUNCS || !takes_secret(func) || !address || !size)
        return ERROR_INVALID_PARAMETER;
    AcquireSRWLockShared(&g_secrets_lock);
    *address = g_secrets[func].address;
    *size = g_secrets[func].size;
    ReleaseSRWLockShared(&g_secrets_lock);
    return 0;
}

DWORD WINAPI RasSimReset(DWORD profile)
{
    SERVICE(s);
    if (profile > RASSIM_PROFILE_WIN10)
        return ERROR_INVALID_PARAMETER;
    sim_reset(s, profile);
    AcquireSRWLockExclusive(&g_secrets_lock);
    memset(g_secrets, 0, sizeof(g_secrets));
    ReleaseSRWLockExclusive(&g_secrets_lock);
    return 0;
}

static DWORD dial(const RASSIM_CONN *conn, HANDLE *out, BOOL connect)
{
    SIM_FIRE f = {0};
    DWORD rc, h = 0;
    SERVICE(s);
    if (!conn || !out)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    rc = svc_dial(s, conn, s->reuse, &h);
    if (!rc) {
        s->reuse = 0;
        if (connect)
            rc = svc_connect(s, sim_find(s, h), &f);
    }
    sim_unlock(s);
    sim_fire(s, &f);
    if (!rc)
        *out = (HANDLE)(ULONG_PTR)h;
    return rc;
}

DWORD WINAPI RasSimDial(const RASSIM_CONN *conn, HANDLE *hrasconn)
{
    return dial(conn, hrasconn, FALSE);
}

DWORD WINAPI RasSimAdd(const RASSIM_CONN *conn, HANDLE *hrasconn)
{
    return dial(conn, hrasconn, TRUE);
}

/* What each change does to one connection; runs under the lock. */
enum { OP_SET_STATE, OP_CONNECT, OP_DROP, OP_ADD_LINK, OP_REMOVE_LINK };

static DWORD change(SIM_SHARED *s, SIM_SLOT *sl, int op, DWORD arg, SIM_FIRE *f)
{
    if (op == OP_CONNECT)
        return svc_connect(s, sl, f);
    if (sl->flags & (SLOT_SUBENTRY | SLOT_ENDED | SLOT_HUNG_UP))
        return ERROR_INVALID_HANDLE;
    switch (op) {
    case OP_SET_STATE:
        sl->state = arg;
        return 0;
    case OP_DROP:
        svc_end(s, sl, arg, f);
        return 0;
    case OP_ADD_LINK:
        return svc_add_link(s, sl, f);
    case OP_REMOVE_LINK:
        return svc_remove_link(s, sl, f);
    }
    return ERROR_INVALID_PARAMETER;
}

static DWORD on_connection(HANDLE h, int op, DWORD arg)
{
    SIM_FIRE f = {0};
    SIM_SLOT *sl;
    DWORD rc;
    SERVICE(s);
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)h);
    rc = sl ? change(s, sl, op, arg, &f) : ERROR_INVALID_HANDLE;
    sim_unlock(s);
    sim_fire(s, &f);
    return rc;
}

DWORD WINAPI RasSimSetState(HANDLE hrasconn, DWORD state)
{
    return on_connection(hrasconn, OP_SET_STATE, state);
}

DWORD WINAPI RasSimConnect(HANDLE hrasconn)
{
    return on_connection(hrasconn, OP_CONNECT, 0);
}

DWORD WINAPI RasSimDrop(HANDLE hrasconn, DWORD error)
{
    return on_connection(hrasconn, OP_DROP, error);
}

DWORD WINAPI RasSimAddLink(HANDLE hrasconn)
{
    return on_connection(hrasconn, OP_ADD_LINK, 0);
}

DWORD WINAPI RasSimRemoveLink(HANDLE hrasconn)
{
    return on_connection(hrasconn, OP_REMOVE_LINK, 0);
}

DWORD WINAPI RasSimSubEntryHandle(HANDLE hrasconn, DWORD subentry, HANDLE *out)
{
    SIM_SLOT *sl;
    DWORD rc, sub = 0;
    SERVICE(s);
    if (!out)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)hrasconn);
    rc = sl ? svc_sub_entry(s, sl, subentry, FALSE, &sub) : ERROR_INVALID_HANDLE;
    sim_unlock(s);
    if (!rc)
        *out = (HANDLE)(ULONG_PTR)sub;
    return rc;
}

DWORD WINAPI RasSimSetLinger(DWORD microseconds)
{
    SERVICE(s);
    sim_lock(s);
    s->linger_us = microseconds;
    sim_unlock(s);
    return 0;
}

DWORD WINAPI RasSimSetFiresOnce(DWORD on)
{
    SERVICE(s);
    sim_lock(s);
    s->fires_once = on != 0;
    sim_unlock(s);
    return 0;
}

DWORD WINAPI RasSimSetServiceCost(DWORD microseconds)
{
    SERVICE(s);
    if (microseconds > 0x7FFFFFFF)
        return ERROR_INVALID_PARAMETER;
    InterlockedExchange(&s->service_cost_us, (LONG)microseconds);
    return 0;
}

DWORD WINAPI RasSimAppearBetweenProbeAndFill(DWORD n)
{
    SERVICE(s);
    if (n > SIM_MAX_SLOTS)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    s->appear = n;
    sim_unlock(s);
    return 0;
}

DWORD WINAPI RasSimFailNth(DWORD func, DWORD n, DWORD code)
{
    SERVICE(s);
    if (func >= RASSIM_NFUNCS || n == 0 || n > 0x7FFFFFFF || code == 0)
        return ERROR_INVALID_PARAMETER;
    InterlockedExchange(&s->funcs[func].nth_code, (LONG)code);
    InterlockedExchange(&s->funcs[func].fail_nth, (LONG)n);
    return 0;
}

DWORD WINAPI RasSimFailAlways(DWORD func, DWORD code)
{
    SERVICE(s);
    if (func >= RASSIM_NFUNCS)
        return ERROR_INVALID_PARAMETER;
    InterlockedExchange(&s->funcs[func].always_code, (LONG)code);
    return 0;
}

DWORD WINAPI RasSimClearFaults(void)
{
    DWORD i;
    SERVICE(s);
    for (i = 0; i < RASSIM_NFUNCS; i++) {
        InterlockedExchange(&s->funcs[i].fail_nth, 0);
        InterlockedExchange(&s->funcs[i].always_code, 0);
        InterlockedExchange(&s->funcs[i].lies, 0);
    }
    return 0;
}

/* Every answer of func tells a lie of kind (RASSIM_LIE_*) with value, until ClearFaults or Reset.
 * The value is stored before the kind's bit is set, so no answer reads a stale one. */
DWORD WINAPI RasSimSetLie(DWORD func, DWORD kind, DWORD value)
{
    SERVICE(s);
    if (!sim_lie_allowed(func, kind))
        return ERROR_INVALID_PARAMETER;
    if (kind == RASSIM_LIE_NEEDED) {
        InterlockedExchange(&s->funcs[func].lie_needed, (LONG)value);
    } else {
        /* One count lie at a time: the last one set. */
        if (kind == RASSIM_LIE_COUNT)
            InterlockedExchange(&s->funcs[func].lie_count, (LONG)value);
        InterlockedAnd(&s->funcs[func].lies, ~(LONG)(RASSIM_LIE_COUNT | RASSIM_LIE_COUNT_PAST));
    }
    InterlockedOr(&s->funcs[func].lies, (LONG)kind);
    return 0;
}

DWORD WINAPI RasSimCalls(DWORD func, DWORD *calls)
{
    SERVICE(s);
    if (func >= RASSIM_NFUNCS || !calls)
        return ERROR_INVALID_PARAMETER;
    *calls = (DWORD)s->funcs[func].calls;
    return 0;
}

DWORD WINAPI RasSimResetCalls(void)
{
    DWORD i;
    SERVICE(s);
    for (i = 0; i < RASSIM_NFUNCS; i++)
        InterlockedExchange(&s->funcs[i].calls, 0);
    return 0;
}

/* The listed connections' handles in listing order. *count is the capacity of handles on input
 * and the number of listed connections on output; 603 when they do not fit. */
DWORD WINAPI RasSimConnections(HANDLE *handles, DWORD *count)
{
    DWORD i, rc = 0;
    SERVICE(s);
    if (!count || (*count && !handles))
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    if (*count < s->nlisted)
        rc = ERROR_BUFFER_TOO_SMALL;
    else
        for (i = 0; i < s->nlisted; i++)
            handles[i] = (HANDLE)(ULONG_PTR)s->slots[s->listed[i]].hconn;
    *count = s->nlisted;
    sim_unlock(s);
    return rc;
}

/* How many notification registrations the service holds. */
DWORD WINAPI RasSimRegistrations(DWORD *count)
{
    SERVICE(s);
    if (!count)
        return ERROR_INVALID_PARAMETER;
    *count = sim_registrations(s);
    return 0;
}

/* The next connection RasSimDial, RasSimAdd or RasDialW makes takes handle value h: one this service
 * issued whose connection is gone. A valid handle (a sub-entry's too) or one never issued: 87. */
DWORD WINAPI RasSimReuseHandle(HANDLE hrasconn)
{
    DWORD h = sim_handle_value(hrasconn), rc = 0;
    SERVICE(s);
    sim_lock(s);
    if (!sim_issued(s, h) || sim_find(s, h)) {
        rc = ERROR_INVALID_PARAMETER;
    } else {
        sim_forget_handle(s, h);
        s->reuse = h;
    }
    sim_unlock(s);
    return rc;
}

/* What RasGetConnectStatus, RasHangUp, RasGetLinkStatistics and the projection calls answer for
 * a handle that is gone or never was. */
DWORD WINAPI RasSimSetGoneCode(DWORD code)
{
    SERVICE(s);
    if (code != ERROR_INVALID_HANDLE && code != ERROR_NO_CONNECTION)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    s->gone_code = code;
    sim_unlock(s);
    return 0;
}

DWORD WINAPI RasSimSetNotifyDelay(DWORD microseconds)
{
    SERVICE(s);
    if (microseconds > RASSIM_MAX_NOTIFY_DELAY_US)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    s->notify_delay_us = microseconds;
    sim_unlock(s);
    return 0;
}

DWORD WINAPI RasSimSetRegistrationPerCall(DWORD on)
{
    SERVICE(s);
    sim_lock(s);
    s->reg_per_call = on != 0;
    sim_unlock(s);
    return 0;
}

/* How many times a registration was signalled since the last reset (by every process), and the
 * thread that signalled last. */
DWORD WINAPI RasSimSignals(DWORD *count, DWORD *thread)
{
    SERVICE(s);
    if (!count || !thread)
        return ERROR_INVALID_PARAMETER;
    *count = (DWORD)s->signals;
    *thread = (DWORD)s->signal_thread;
    return 0;
}

/* A test hook: takes the service's lock and keeps it. The caller is expected to exit (or die)
 * holding it, to show that the other processes take the lock over. */
DWORD WINAPI RasSimHoldLock(void)
{
    SERVICE(s);
    sim_lock(s);
    return 0;
}

/* What RasGetConnectionStatistics (subentry 0) or RasGetLinkStatistics (subentry 1 to 32) report
 * for h from now on. A link's statistics belong to its sub-entry handle, which this makes if need
 * be: that link need not be connected yet. */
DWORD WINAPI RasSimSetStats(HANDLE hrasconn, DWORD subentry, const RASSIM_STATS *stats)
{
    SIM_SLOT *sl;
    DWORD rc = 0, sub = 0;
    SERVICE(s);
    if (!stats || stats->dwSize != sizeof(*stats) || subentry > RASSIM_MAX_SUBENTRIES)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)hrasconn);
    if (!sl)
        rc = ERROR_INVALID_HANDLE;
    else if (subentry && !(rc = svc_sub_entry(s, sl, subentry, FALSE, &sub)))
        sl = sim_find(s, sub);
    if (!rc) {
        sl->stats = *stats;
        sl->stats_at = sim_now();
    }
    sim_unlock(s);
    return rc;
}

/* The server counts bound what RasGetProjectionInfoEx adds up and copies. */
static BOOL projection_ok(const RASSIM_PROJECTION *p)
{
    return p && p->dwSize == sizeof(*p) && p->dwType <= PROJECTION_INFO_TYPE_IKEV2 &&
           !(p->dwNotConfigured & ~RASSIM_PROTOCOL_ALL) && p->numIPv4ServerAddresses <= RASSIM_MAX_SERVERS &&
           p->numIPv6ServerAddresses <= RASSIM_MAX_SERVERS;
}

/* What the projection calls report for h from now on; type RASSIM_PROJECTION_NONE: not projected. */
DWORD WINAPI RasSimSetProjection(HANDLE hrasconn, const RASSIM_PROJECTION *projection)
{
    SIM_SLOT *sl;
    DWORD rc = 0;
    SERVICE(s);
    if (!projection_ok(projection))
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)hrasconn);
    if (sl)
        sl->projection = *projection;
    else
        rc = ERROR_INVALID_HANDLE;
    sim_unlock(s);
    return rc;
}
