/* The connection state machine, shared by the RAS calls and the control surface. Every function
 * here runs under the lock and only collects notifications; the caller fires them after unlocking. */
#include "rassim.h"
#include <raserror.h>

static const DWORD conn_w[] = {RASCONNW_400, RASCONNW_401, RASCONNW_500, RASCONNW_501, RASCONNW_600};
static const DWORD conn_a[] = {RASCONNA_400, RASCONNA_401, RASCONNA_500, RASCONNA_501, RASCONNA_600};
static const DWORD status_w[] = {RASCONNSTATUSW_400, RASCONNSTATUSW_401, RASCONNSTATUSW_601};
static const DWORD status_a[] = {RASCONNSTATUSA_400, RASCONNSTATUSA_401, RASCONNSTATUSA_601};
static const DWORD dial_params[] = {RASDIALPARAMSW_400, RASDIALPARAMSW_401, RASDIALPARAMSW_601, RASDIALPARAMSW_602};
static const DWORD dial_extensions[] = {RASDIALEXTENSIONS_400, RASDIALEXTENSIONS_500, RASDIALEXTENSIONS_601};

/* How many versions of each structure a profile knows: Windows 10 all of them, Windows 7 all but
 * the 0x602 RASDIALPARAMS (Windows 8's), XP up to 0x501. */
static DWORD conn_versions(SIM_SHARED *s)
{
    return s->profile == RASSIM_PROFILE_XP ? 4 : 5;
}

static DWORD status_versions(SIM_SHARED *s)
{
    return s->profile == RASSIM_PROFILE_XP ? 2 : 3;
}

static BOOL one_of(DWORD size, const DWORD *sizes, DWORD n)
{
    DWORD i;
    for (i = 0; i < n; i++)
        if (sizes[i] == size)
            return TRUE;
    return FALSE;
}

BOOL svc_dial_params_size_ok(SIM_SHARED *s, DWORD size)
{
    DWORD n = s->profile == RASSIM_PROFILE_XP ? 2 : s->profile == RASSIM_PROFILE_WIN7 ? 3 : 4;
    return one_of(size, dial_params, n);
}

BOOL svc_dial_extensions_size_ok(SIM_SHARED *s, DWORD size)
{
    return one_of(size, dial_extensions, s->profile == RASSIM_PROFILE_XP ? 2 : 3);
}

BOOL svc_conn_size_ok(SIM_SHARED *s, DWORD size, BOOL ansi)
{
    return one_of(size, ansi ? conn_a : conn_w, conn_versions(s));
}

BOOL svc_status_size_ok(SIM_SHARED *s, DWORD size, BOOL ansi)
{
    return one_of(size, ansi ? status_a : status_w, status_versions(s));
}

DWORD svc_newest_conn_size(SIM_SHARED *s, BOOL ansi)
{
    return (ansi ? conn_a : conn_w)[conn_versions(s) - 1];
}

/* Link i's bit in SIM_SLOT.link_up. */
#define LINK_BIT(i) (1u << ((i) - 1u))

static void terminate(WCHAR *field, size_t n)
{
    field[n - 1] = 0;
}

/* A new connection in RASCS_OpenPort, not listed, with handle value reuse (0: a new one). */
DWORD svc_dial(SIM_SHARED *s, const RASSIM_CONN *c, DWORD reuse, DWORD *h)
{
    static const struct {
        DWORD option;
        size_t offset, n;
    } fields[] = {
        {RASSIM_OPT_UNTERMINATED_ENTRY, offsetof(RASSIM_CONN, szEntryName), RAS_MAX_ENTRY_NAME + 1},
        {RASSIM_OPT_UNTERMINATED_DEVICE_TYPE, offsetof(RASSIM_CONN, szDeviceType), RAS_MAX_DEVICE_TYPE + 1},
        {RASSIM_OPT_UNTERMINATED_DEVICE_NAME, offsetof(RASSIM_CONN, szDeviceName), RAS_MAX_DEVICE_NAME + 1},
        {RASSIM_OPT_UNTERMINATED_PHONEBOOK, offsetof(RASSIM_CONN, szPhonebook), MAX_PATH},
        {RASSIM_OPT_UNTERMINATED_PHONE_NUMBER, offsetof(RASSIM_CONN, szPhoneNumber), RAS_MAX_PHONE_NUMBER + 1},
    };
    SIM_SLOT *sl;
    WCHAR *name;
    size_t i;
    if (c->dwSize != sizeof(RASSIM_CONN) || c->dwLocalType > RASTUNNELENDPOINT_IPV6 ||
        c->dwRemoteType > RASTUNNELENDPOINT_IPV6 || (c->dwOptions & ~RASSIM_OPT_ALL))
        return ERROR_INVALID_PARAMETER;
    sl = sim_alloc(s, reuse);
    if (!sl)
        return ERROR_NOT_ENOUGH_MEMORY;
    sl->conn = *c;
    terminate(sl->conn.szEntryName, ARRAYSIZE(sl->conn.szEntryName));
    terminate(sl->conn.szPhoneNumber, ARRAYSIZE(sl->conn.szPhoneNumber));
    terminate(sl->conn.szDeviceType, ARRAYSIZE(sl->conn.szDeviceType));
    terminate(sl->conn.szDeviceName, ARRAYSIZE(sl->conn.szDeviceName));
    terminate(sl->conn.szPhonebook, ARRAYSIZE(sl->conn.szPhonebook));

    /* What RasEnumConnections lists: the entry, or "." and the phone number without one. */
    name = sl->conn.szEntryName;
    if (!name[0]) {
        name[0] = L'.';
        lstrcpynW(name + 1, sl->conn.szPhoneNumber, RAS_MAX_ENTRY_NAME);
    }
    for (i = 0; i < ARRAYSIZE(fields); i++)
        if (c->dwOptions & fields[i].option)
            sim_unterminate((WCHAR *)((BYTE *)&sl->conn + fields[i].offset), fields[i].n);
    sl->state = RASCS_OPEN_PORT;
    sl->links = 1;
    sl->link_up = LINK_BIT(1);
    sl->refs = 1;
    *h = sl->hconn;
    return 0;
}

/* RASCS_Connected: listed from now on, and RASCN_Connection fires. */
DWORD svc_connect(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f)
{
    if (sl->flags & (SLOT_SUBENTRY | SLOT_ENDED | SLOT_HUNG_UP))
        return ERROR_INVALID_HANDLE;
    if (sl->flags & SLOT_LISTED)
        return 0;
    sl->state = RASCS_CONNECTED;
    sl->connected_at = sim_now();
    sim_list(s, sl);
    sim_collect(s, f, sl->hconn, RASCN_CONNECTION);
    return 0;
}

/* RASCS_Disconnected with dwError set: no longer listed, and RASCN_Disconnection fires. */
void svc_end(SIM_SHARED *s, SIM_SLOT *sl, DWORD error, SIM_FIRE *f)
{
    sl->state = RASCS_DISCONNECTED;
    sl->error = error;
    sl->flags |= SLOT_ENDED;
    if (sl->flags & SLOT_LISTED)
        sim_unlist(s, sl);
    sim_collect(s, f, sl->hconn, RASCN_DISCONNECTION);
}

/* Takes down the links of connection sl whose hang-up has had its time: each is down from its
 * sub-entry handle's gone_at on, and that handle is retired. */
static void settle_links(SIM_SHARED *s, SIM_SLOT *sl)
{
    LONGLONG now = sim_now();
    DWORD k;
    for (k = 0; k < SIM_MAX_SLOTS; k++) {
        SIM_SLOT *q = &s->slots[k];
        if (q->hconn && (q->flags & (SLOT_SUBENTRY | SLOT_HUNG_UP | SLOT_LINK_GONE)) == (SLOT_SUBENTRY | SLOT_HUNG_UP) &&
            q->parent == sl->hconn && now >= q->gone_at) {
            q->flags |= SLOT_LINK_GONE;
            sl->link_up &= ~LINK_BIT(q->subentry);
        }
    }
}

/* RasHangUp: returns at once. A connection's handle answers RasGetConnectStatus with
 * RASCS_Disconnected for the linger, then is invalid. A sub-entry handle never becomes invalid:
 * its link stays connected for the linger, then goes down (RASCN_BandwidthRemoved on its
 * connection, at that time, unless it was the connection's last link), and the handle goes on
 * answering RasGetConnectStatus with its connection's state, as Microsoft warns that it may.
 * Hanging up a handle again answers what a gone one does: it is already gone.
 *
 * A connection that several RasDialW calls returned ends with the last of their hang-ups. One
 * still dialling stops dialling (its thread sees SLOT_HUNG_UP and calls back no more); from the
 * dial's own callback, as Microsoft documents, the hang-up happens once the callback returns. */
DWORD svc_hang_up(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f)
{
    SIM_SLOT *parent;
    if (sl->flags & (SLOT_HUNG_UP | SLOT_HANG_UP_PENDING))
        return s->gone_code;
    if (!(sl->flags & SLOT_SUBENTRY) && sl->refs > 1) {
        sl->refs--;
        return 0;
    }
    if (sl->callback_thread && sl->callback_thread == GetCurrentThreadId()) {
        sl->flags |= SLOT_HANG_UP_PENDING;
        return 0;
    }
    if (sl->flags & SLOT_SUBENTRY) {
        sl->flags |= SLOT_HUNG_UP;
        sl->gone_at = sim_now() + sim_ticks(s->linger_us);
        if (s->linger_us)
            f->at = sl->gone_at;
        sim_collect(s, f, sl->hconn, RASCN_DISCONNECTION);
        parent = sim_find(s, sl->parent);
        if (!parent || (sl->flags & SLOT_LINK_GONE))
            return 0;
        if (!(parent->flags & SLOT_ENDED) && (parent->link_up & ~LINK_BIT(sl->subentry)))
            sim_collect(s, f, parent->hconn, RASCN_BANDWIDTH_REMOVED);
        settle_links(s, parent);
        return 0;
    }
    if (!(sl->flags & SLOT_ENDED))
        svc_end(s, sl, sl->error, f);
    sl->flags = (sl->flags & ~SLOT_DIALLING) | SLOT_HUNG_UP;
    sl->refs = 0;
    sl->gone_at = sim_now() + sim_ticks(s->linger_us);
    if (s->linger_us == 0)
        sim_free_slot(s, sl);
    return 0;
}

/* The slot of sub-entry i of connection sl if its handle was made for the link's current (or
 * last) connection, else NULL. */
SIM_SLOT *svc_find_sub_entry(SIM_SHARED *s, const SIM_SLOT *sl, DWORD i)
{
    DWORD k;
    for (k = 0; k < SIM_MAX_SLOTS; k++) {
        SIM_SLOT *q = &s->slots[k];
        if (q->hconn && (q->flags & (SLOT_SUBENTRY | SLOT_LINK_GONE)) == SLOT_SUBENTRY && q->parent == sl->hconn &&
            q->subentry == i)
            return q;
    }
    return NULL;
}

/* Whether link i of connection sl is connected (a link hanging up is, until its time). */
BOOL svc_link_up(SIM_SHARED *s, SIM_SLOT *sl, DWORD i)
{
    settle_links(s, sl);
    return i >= 1 && i <= sl->links && (sl->link_up & LINK_BIT(i));
}

/* The handle of sub-entry i of connection sl, the same one on every call while the link stays
 * connected. RasGetSubEntryHandle (connected_only) wants a connected connection (else 6), a
 * sub-entry it has (else 259) and a connected link (else 618); the control call does not. */
DWORD svc_sub_entry(SIM_SHARED *s, SIM_SLOT *sl, DWORD i, BOOL connected_only, DWORD *out)
{
    SIM_SLOT *sub;
    if (sl->flags & (SLOT_SUBENTRY | SLOT_HUNG_UP))
        return ERROR_INVALID_HANDLE;
    if (connected_only && !(sl->flags & SLOT_LISTED))
        return ERROR_INVALID_HANDLE;
    if (i == 0 || i > RASSIM_MAX_SUBENTRIES || (connected_only && i > sl->links))
        return ERROR_NO_MORE_ITEMS;
    if (connected_only && !svc_link_up(s, sl, i))
        return ERROR_PORT_NOT_OPEN;
    sub = svc_find_sub_entry(s, sl, i);
    if (sub) {
        *out = sub->hconn;
        return 0;
    }
    sub = sim_alloc(s, 0);
    if (!sub)
        return ERROR_NOT_ENOUGH_MEMORY;
    sub->conn = sl->conn;
    sub->conn.dwSubEntry = i;
    sub->flags = SLOT_SUBENTRY;
    sub->parent = sl->hconn;
    sub->subentry = i;
    sub->state = sl->state;
    sub->links = 1;
    *out = sub->hconn;
    return 0;
}

/* One more link: the lowest sub-entry that is down connects again, or a new one (up to 32). */
DWORD svc_add_link(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f)
{
    DWORD i;
    settle_links(s, sl);
    for (i = 1; i <= sl->links && (sl->link_up & LINK_BIT(i)); i++)
        ;
    if (i > RASSIM_MAX_SUBENTRIES)
        return ERROR_NO_MORE_ITEMS;
    if (i > sl->links)
        sl->links = i;
    sl->link_up |= LINK_BIT(i);
    sim_collect(s, f, sl->hconn, RASCN_BANDWIDTH_ADDED);
    return 0;
}

/* One link less, the highest connected, at once (the other side dropped it); never the last. Its
 * sub-entry handle is retired. */
DWORD svc_remove_link(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f)
{
    SIM_SLOT *sub;
    DWORD i;
    settle_links(s, sl);
    if (!(sl->link_up & (sl->link_up - 1)))
        return ERROR_INVALID_PARAMETER;
    for (i = sl->links; !(sl->link_up & LINK_BIT(i)); i--)
        ;
    sl->link_up &= ~LINK_BIT(i);
    sub = svc_find_sub_entry(s, sl, i);
    if (sub)
        sub->flags |= SLOT_LINK_GONE;
    sim_collect(s, f, sl->hconn, RASCN_BANDWIDTH_REMOVED);
    return 0;
}

/* What RasGetConnectStatus reports for a valid handle. A sub-entry handle follows its connection,
 * hung up or not (Microsoft warns that it may never report its link's end), and reports
 * RASCS_Disconnected once the connection is gone. */
void svc_status(SIM_SHARED *s, SIM_SLOT *sl, SIM_STATUS *st)
{
    SIM_SLOT *parent;
    st->conn = &sl->conn;
    st->substate = sl->conn.dwSubState;
    st->state = sl->state;
    st->error = sl->error;
    if (!(sl->flags & SLOT_SUBENTRY))
        return;
    parent = sim_find(s, sl->parent);
    if (parent) {
        st->state = parent->flags & SLOT_HUNG_UP ? RASCS_DISCONNECTED : parent->state;
        st->error = parent->error;
    } else {
        st->state = RASCS_DISCONNECTED;
    }
}
