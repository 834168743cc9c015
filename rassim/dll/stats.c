/* RasGetConnectionStatistics and RasGetLinkStatistics: the statistics RasSimSetStats set, grown
 * by their rates since, or zeros and the time since the connection connected. A link's are kept
 * in its sub-entry handle's slot, so that either way of asking for them gives the same. */
#include "rassim.h"
#include <raserror.h>

/* value + per_sec * ms / 1000, modulo 2^32, as RAS's DWORD counters wrap. The whole seconds'
 * product may wrap (that keeps its low 32 bits); the rest's is divided, so it must not, and below
 * 2^32 * 1000 it cannot. */
static DWORD grown(DWORD value, DWORD per_sec, ULONGLONG ms)
{
    return (DWORD)(value + per_sec * (ms / 1000u) + (ULONGLONG)per_sec * (ms % 1000u) / 1000u);
}

/* What slot set reports (NULL: a link whose handle was never made, so never set), dwSize aside.
 * connected_at counts the duration of statistics never set. Runs under the lock. */
static void report(const SIM_SLOT *set, LONGLONG connected_at, RAS_STATS_SIM *out)
{
    const RASSIM_STATS *st = set ? &set->stats : NULL;
    LONGLONG now = sim_now();
    ULONGLONG ms;
    memset(out, 0, sizeof(*out));
    if (!st || !st->dwSize) {
        out->dwConnectDuration = connected_at ? (DWORD)sim_ms(now - connected_at) : 0;
        return;
    }
    /* One reading of the clock for every field: a test can check each counter against the
     * duration the same call reports. */
    ms = sim_ms(now - set->stats_at);
    out->dwBytesXmited = grown(st->dwBytesXmited, st->dwBytesXmitedPerSec, ms);
    out->dwBytesRcved = grown(st->dwBytesRcved, st->dwBytesRcvedPerSec, ms);
    out->dwFramesXmited = grown(st->dwFramesXmited, st->dwFramesXmitedPerSec, ms);
    out->dwFramesRcved = grown(st->dwFramesRcved, st->dwFramesRcvedPerSec, ms);
    out->dwCrcErr = st->dwCrcErr;
    out->dwTimeoutErr = st->dwTimeoutErr;
    out->dwAlignmentErr = st->dwAlignmentErr;
    out->dwHardwareOverrunErr = st->dwHardwareOverrunErr;
    out->dwFramingErr = st->dwFramingErr;
    out->dwBufferOverrunErr = st->dwBufferOverrunErr;
    out->dwCompressionRatioIn = st->dwCompressionRatioIn;
    out->dwCompressionRatioOut = st->dwCompressionRatioOut;
    out->dwBps = st->dwBps;
    out->dwConnectDuration = (DWORD)(st->dwConnectDuration + ms);
}

/* When slot sl's link came up: a sub-entry handle counts from its connection's connecting. */
static LONGLONG connected_at(SIM_SHARED *s, const SIM_SLOT *sl)
{
    const SIM_SLOT *parent;
    if (!(sl->flags & SLOT_SUBENTRY))
        return sl->connected_at;
    parent = sim_find(s, sl->parent);
    return parent ? parent->connected_at : 0;
}

/* The caller's dwSize stays; the rest is written. */
static void write_stats(RAS_STATS_SIM *dst, const RAS_STATS_SIM *src)
{
    memcpy((BYTE *)dst + sizeof(DWORD), (const BYTE *)src + sizeof(DWORD), sizeof(*dst) - sizeof(DWORD));
}

/* E_INVALIDARG for a zero handle, a NULL pointer or a wrong dwSize, as documented. A gone handle
 * gives 6 whatever RasSimSetGoneCode says: Windows documents no code for it. */
DWORD WINAPI RasGetConnectionStatistics(HANDLE hrasconn, RAS_STATS_SIM *stats)
{
    SIM_SHARED *s;
    SIM_SLOT *sl;
    RAS_STATS_SIM st;
    DWORD rc = sim_enter(RASSIM_GET_CONNECTION_STATISTICS, &s);
    if (rc)
        return rc;
    if (!hrasconn || !stats || stats->dwSize != sizeof(RAS_STATS_SIM))
        return (DWORD)E_INVALIDARG;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)hrasconn);
    if (sl)
        report(sl, connected_at(s, sl), &st);
    else
        rc = ERROR_INVALID_HANDLE;
    sim_unlock(s);
    if (!rc)
        write_stats(stats, &st);
    return rc;
}

/* E_INVALIDARG also for sub-entry 0, as documented. A link that is not connected (not one of the
 * connection's, down, or of a connection that is not connected) gives 618, as
 * RasGetSubEntryHandle does; a sub-entry handle has no links of its own: 6. */
DWORD WINAPI RasGetLinkStatistics(HANDLE hrasconn, DWORD dwSubEntry, RAS_STATS_SIM *stats)
{
    SIM_SHARED *s;
    SIM_SLOT *sl;
    RAS_STATS_SIM st;
    DWORD rc = sim_enter(RASSIM_GET_LINK_STATISTICS, &s);
    if (rc)
        return rc;
    if (!hrasconn || !dwSubEntry || !stats || stats->dwSize != sizeof(RAS_STATS_SIM))
        return (DWORD)E_INVALIDARG;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)hrasconn);
    if (!sl)
        rc = s->gone_code;
    else if (sl->flags & SLOT_SUBENTRY)
        rc = ERROR_INVALID_HANDLE;
    else if (!(sl->flags & SLOT_LISTED) || !svc_link_up(s, sl, dwSubEntry))
        rc = ERROR_PORT_NOT_OPEN;
    else
        report(svc_find_sub_entry(s, sl, dwSubEntry), sl->connected_at, &st);
    sim_unlock(s);
    if (!rc)
        write_stats(stats, &st);
    return rc;
}
