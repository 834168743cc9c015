/* The RAS API exports. Each W and A pair shares one implementation; the A forms only convert to
 * and from the ANSI layouts. Every export starts with sim_enter: the call counter, the service
 * cost and the injected fault. */
#include "rassim.h"
#include <raserror.h>

/* ---- RasEnumConnections ------------------------------------------------------------------- */

/* Copies a string of at most n characters up to its terminator, into a zeroed field. */
static void copy_w(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t i;
    for (i = 0; i < n && src[i]; i++)
        dst[i] = src[i];
}

/* Writes one RASCONNW of the caller's version (size) straight into the caller's buffer, field by
 * field, so that nothing past size is touched; the hot path of RasEnumConnectionsW. */
static void write_conn_w(BYTE *dst, DWORD size, const SIM_SLOT *sl)
{
    RASCONNW_SIM *c = (RASCONNW_SIM *)dst;
    memset(dst, 0, size);
    c->dwSize = size;
    c->hrasconn = (HANDLE)(ULONG_PTR)sl->hconn;
    copy_w(c->szEntryName, sl->conn.szEntryName, ARRAYSIZE(c->szEntryName));
    copy_w(c->szDeviceType, sl->conn.szDeviceType, ARRAYSIZE(c->szDeviceType));
    copy_w(c->szDeviceName, sl->conn.szDeviceName, ARRAYSIZE(c->szDeviceName));
    if (size >= RASCONNW_401) {
        copy_w(c->szPhonebook, sl->conn.szPhonebook, ARRAYSIZE(c->szPhonebook));
        c->dwSubEntry = sl->conn.dwSubEntry;
    }
    if (size >= RASCONNW_500)
        c->guidEntry = sl->conn.guidEntry;
    if (size >= RASCONNW_501) {
        c->dwFlags = sl->conn.dwFlags;
        c->luid = sl->conn.luid;
    }
    if (size >= RASCONNW_600)
        c->guidCorrelationId = sl->conn.guidCorrelationId;
    /* The 0x400 layout ends in padding after szDeviceName; the others have it after szPhonebook. */
    if (size < RASCONNW_401)
        sim_pad(dst, size, SIM_END(RASCONNW_SIM, szDeviceName), size);
    else
        sim_pad(dst, size, SIM_END(RASCONNW_SIM, szPhonebook), offsetof(RASCONNW_SIM, dwSubEntry));
}

static void write_conn_a(BYTE *dst, DWORD size, const SIM_SLOT *sl)
{
    RASCONNA_SIM c;
    memset(&c, 0, sizeof(c));
    c.dwSize = size;
    c.hrasconn = (HANDLE)(ULONG_PTR)sl->hconn;
    sim_w2a(c.szEntryName, sizeof(c.szEntryName), sl->conn.szEntryName, ARRAYSIZE(sl->conn.szEntryName));
    sim_w2a(c.szDeviceType, sizeof(c.szDeviceType), sl->conn.szDeviceType, ARRAYSIZE(sl->conn.szDeviceType));
    sim_w2a(c.szDeviceName, sizeof(c.szDeviceName), sl->conn.szDeviceName, ARRAYSIZE(sl->conn.szDeviceName));
    sim_w2a(c.szPhonebook, sizeof(c.szPhonebook), sl->conn.szPhonebook, ARRAYSIZE(sl->conn.szPhonebook));
    c.dwSubEntry = sl->conn.dwSubEntry;
    c.guidEntry = sl->conn.guidEntry;
    c.dwFlags = sl->conn.dwFlags;
    c.luid = sl->conn.luid;
    c.guidCorrelationId = sl->conn.guidCorrelationId;
    memcpy(dst, &c, size);
    if (size < RASCONNA_401)
        sim_pad(dst, size, SIM_END(RASCONNA_SIM, szDeviceName), size);
    else
        sim_pad(dst, size, SIM_END(RASCONNA_SIM, szPhonebook), offsetof(RASCONNA_SIM, dwSubEntry));
}

/* "rassim appeared <n>" */
static void name_appeared(WCHAR *dst, DWORD n)
{
    WCHAR digits[12];
    int i = 0;
    do
        digits[i++] = (WCHAR)(L'0' + n % 10);
    while ((n /= 10) && i < 11);
    lstrcpyW(dst, L"rassim appeared ");
    dst += lstrlenW(dst);
    while (i)
        *dst++ = digits[--i];
    *dst = 0;
}

/* The connections that appear between a sizing probe and the fill call. */
static void add_appearing(SIM_SHARED *s, SIM_FIRE *f)
{
    RASSIM_CONN c;
    DWORD h;
    while (s->appear) {
        s->appear--;
        memset(&c, 0, sizeof(c));
        c.dwSize = sizeof(c);
        name_appeared(c.szEntryName, ++s->appeared);
        lstrcpyW(c.szDeviceType, L"vpn");
        lstrcpyW(c.szDeviceName, L"WAN Miniport (IKEv2)");
        if (svc_dial(s, &c, 0, &h) == 0)
            svc_connect(s, sim_find(s, h), f);
    }
}

static DWORD enum_connections(BOOL ansi, void *buf, DWORD *lpcb, DWORD *lpcConnections)
{
    SIM_SHARED *s;
    SIM_FIRE f = {0};
    DWORD rc = sim_enter(RASSIM_ENUM_CONNECTIONS, &s), size = 0, count, i, holds = 0;

    if (rc == ERROR_BUFFER_TOO_SMALL && lpcb && lpcConnections) {
        /* An injected 603 reads as one more connection than there is, as a real one would. */
        sim_lock(s);
        if (buf)
            memcpy(&size, buf, sizeof(size));
        if (!buf || !svc_conn_size_ok(s, size, ansi))
            size = svc_newest_conn_size(s, ansi);
        *lpcConnections = s->nlisted + 1;
        *lpcb = *lpcConnections * size;
        sim_unlock(s);
    }
    if (rc)
        return sim_leave(s, RASSIM_ENUM_CONNECTIONS, rc, lpcb, lpcConnections, 0);
    if (!lpcb || !lpcConnections)
        return ERROR_INVALID_PARAMETER;

    sim_lock(s);
    count = s->nlisted;
    if (!buf) {
        /* The sizing probe. */
        *lpcb = count * svc_newest_conn_size(s, ansi);
        *lpcConnections = count;
        rc = count ? ERROR_BUFFER_TOO_SMALL : 0;
    } else {
        memcpy(&size, buf, sizeof(size));
        if (!svc_conn_size_ok(s, size, ansi)) {
            rc = ERROR_INVALID_SIZE;
        } else if (*lpcb < size || *lpcb / size < count) {
            *lpcb = (count ? count : 1) * size;
            *lpcConnections = count;
            rc = ERROR_BUFFER_TOO_SMALL;
        } else {
            holds = *lpcb / size;
            for (i = 0; i < count; i++)
                (ansi ? write_conn_a : write_conn_w)((BYTE *)buf + i * size, size, &s->slots[s->listed[i]]);
            *lpcb = count * size;
            *lpcConnections = count;
        }
    }
    if (rc == ERROR_BUFFER_TOO_SMALL)
        add_appearing(s, &f);
    sim_unlock(s);
    sim_fire(s, &f);
    return sim_leave(s, RASSIM_ENUM_CONNECTIONS, rc, lpcb, lpcConnections, holds);
}

DWORD WINAPI RasEnumConnectionsW(RASCONNW_SIM *lprasconn, DWORD *lpcb, DWORD *lpcConnections)
{
    return enum_connections(FALSE, lprasconn, lpcb, lpcConnections);
}

DWORD WINAPI RasEnumConnectionsA(RASCONNA_SIM *lprasconn, DWORD *lpcb, DWORD *lpcConnections)
{
    return enum_connections(TRUE, lprasconn, lpcb, lpcConnections);
}

/* ---- RasGetConnectStatus ------------------------------------------------------------------ */

static void endpoint(RASTUNNELENDPOINT_SIM *e, DWORD type, const BYTE *addr)
{
    e->dwType = type;
    if (type == RASTUNNELENDPOINT_IPV4)
        memcpy(e->addr, addr, 4);
    else if (type == RASTUNNELENDPOINT_IPV6)
        memcpy(e->addr, addr, 16);
}

static void write_status_w(void *dst, DWORD size, const SIM_STATUS *st)
{
    RASCONNSTATUSW_SIM o;
    memset(&o, 0, sizeof(o));
    o.dwSize = size;
    o.rasconnstate = st->state;
    o.dwError = st->error;
    memcpy(o.szDeviceType, st->conn->szDeviceType, sizeof(o.szDeviceType));
    memcpy(o.szDeviceName, st->conn->szDeviceName, sizeof(o.szDeviceName));
    memcpy(o.szPhoneNumber, st->conn->szPhoneNumber, sizeof(o.szPhoneNumber));
    endpoint(&o.localEndPoint, st->conn->dwLocalType, st->conn->localAddr);
    endpoint(&o.remoteEndPoint, st->conn->dwRemoteType, st->conn->remoteAddr);
    o.rasconnsubstate = st->substate;
    memcpy(dst, &o, size);
    /* The 0x401 layout ends in padding after szPhoneNumber; the 0x601 one has it there too. */
    sim_pad(dst, size, SIM_END(RASCONNSTATUSW_SIM, szPhoneNumber), offsetof(RASCONNSTATUSW_SIM, localEndPoint));
}

static void write_status_a(void *dst, DWORD size, const SIM_STATUS *st)
{
    RASCONNSTATUSA_SIM o;
    memset(&o, 0, sizeof(o));
    o.dwSize = size;
    o.rasconnstate = st->state;
    o.dwError = st->error;
    sim_w2a(o.szDeviceType, sizeof(o.szDeviceType), st->conn->szDeviceType, ARRAYSIZE(st->conn->szDeviceType));
    sim_w2a(o.szDeviceName, sizeof(o.szDeviceName), st->conn->szDeviceName, ARRAYSIZE(st->conn->szDeviceName));
    sim_w2a(o.szPhoneNumber, sizeof(o.szPhoneNumber), st->conn->szPhoneNumber, ARRAYSIZE(st->conn->szPhoneNumber));
    endpoint(&o.localEndPoint, st->conn->dwLocalType, st->conn->localAddr);
    endpoint(&o.remoteEndPoint, st->conn->dwRemoteType, st->conn->remoteAddr);
    o.rasconnsubstate = st->substate;
    memcpy(dst, &o, size);
    if (size < RASCONNSTATUSA_401)
        sim_pad(dst, size, SIM_END(RASCONNSTATUSA_SIM, szDeviceName), size);
    else
        sim_pad(dst, size, SIM_END(RASCONNSTATUSA_SIM, szPhoneNumber), offsetof(RASCONNSTATUSA_SIM, localEndPoint));
}

static DWORD get_connect_status(BOOL ansi, HANDLE h, void *status)
{
    SIM_SHARED *s;
    SIM_SLOT *sl;
    SIM_STATUS st;
    DWORD rc = sim_enter(RASSIM_GET_CONNECT_STATUS, &s), size;
    if (rc)
        return rc;
    if (!status)
        return ERROR_INVALID_PARAMETER;
    memcpy(&size, status, sizeof(size));
    sim_lock(s);
    if (!svc_status_size_ok(s, size, ansi)) {
        rc = ERROR_INVALID_SIZE;
    } else if (!(sl = sim_find(s, (ULONG_PTR)h))) {
        rc = h ? s->gone_code : ERROR_INVALID_HANDLE;
    } else {
        svc_status(s, sl, &st);
        (ansi ? write_status_a : write_status_w)(status, size, &st);
    }
    sim_unlock(s);
    return rc;
}

DWORD WINAPI RasGetConnectStatusW(HANDLE hrasconn, RASCONNSTATUSW_SIM *lprasconnstatus)
{
    return get_connect_status(FALSE, hrasconn, lprasconnstatus);
}

DWORD WINAPI RasGetConnectStatusA(HANDLE hrasconn, RASCONNSTATUSA_SIM *lprasconnstatus)
{
    return get_connect_status(TRUE, hrasconn, lprasconnstatus);
}

/* ---- RasHangUp ---------------------------------------------------------------------------- */

static DWORD hang_up(HANDLE h)
{
    SIM_SHARED *s;
    SIM_SLOT *sl;
    SIM_FIRE f = {0};
    DWORD rc = sim_enter(RASSIM_HANG_UP, &s);
    if (rc)
        return rc;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)h);
    if (sl)
        rc = svc_hang_up(s, sl, &f);
    else
        rc = h ? s->gone_code : ERROR_INVALID_HANDLE;
    sim_unlock(s);
    sim_fire(s, &f);
    return rc;
}

DWORD WINAPI RasHangUpW(HANDLE hrasconn)
{
    return hang_up(hrasconn);
}

DWORD WINAPI RasHangUpA(HANDLE hrasconn)
{
    return hang_up(hrasconn);
}

/* ---- RasConnectionNotification ------------------------------------------------------------ */

#define RASCN_ALL (RASCN_CONNECTION | RASCN_DISCONNECTION | RASCN_BANDWIDTH_ADDED | RASCN_BANDWIDTH_REMOVED)

/* RASCN_Connection is only for INVALID_HANDLE_VALUE (all connections); the others are for one
 * connection or all of them. A NULL event is an invalid parameter; a value that is not a handle of
 * the caller's is an invalid handle. */
static DWORD connection_notification(HANDLE h, HANDLE event, DWORD flags)
{
    SIM_SHARED *s;
    DWORD rc = sim_enter(RASSIM_CONNECTION_NOTIFICATION, &s), hconn;
    if (rc)
        return rc;
    if (!event || !flags || (flags & ~RASCN_ALL))
        return ERROR_INVALID_PARAMETER;
    if (h == INVALID_HANDLE_VALUE) {
        hconn = SIM_ALL_CONNECTIONS;
    } else {
        if (flags & RASCN_CONNECTION)
            return ERROR_INVALID_PARAMETER;
        hconn = sim_handle_value(h);
        if (!hconn)
            return ERROR_INVALID_HANDLE;
    }
    return sim_register(s, hconn, event, flags);
}

DWORD WINAPI RasConnectionNotificationW(HANDLE hrasconn, HANDLE hEvent, DWORD dwFlags)
{
    return connection_notification(hrasconn, hEvent, dwFlags);
}

DWORD WINAPI RasConnectionNotificationA(HANDLE hrasconn, HANDLE hEvent, DWORD dwFlags)
{
    return connection_notification(hrasconn, hEvent, dwFlags);
}

/* ---- RasGetErrorString -------------------------------------------------------------------- */

/* 87 for a NULL buffer or a code without a message; ERROR_INSUFFICIENT_BUFFER when the message
 * and its terminator do not fit in cch characters. */
DWORD WINAPI RasGetErrorStringW(UINT code, WCHAR *buf, DWORD cch)
{
    SIM_SHARED *s;
    const WCHAR *text;
    DWORD rc = sim_enter(RASSIM_GET_ERROR_STRING, &s), len;
    if (rc)
        return rc;
    text = sim_error_text(code);
    if (!buf || !text)
        return ERROR_INVALID_PARAMETER;
    len = lstrlenW(text);
    if (cch <= len)
        return ERROR_INSUFFICIENT_BUFFER;
    memcpy(buf, text, (len + 1) * sizeof(WCHAR));
    return 0;
}

DWORD WINAPI RasGetErrorStringA(UINT code, CHAR *buf, DWORD cch)
{
    SIM_SHARED *s;
    const WCHAR *text;
    DWORD rc = sim_enter(RASSIM_GET_ERROR_STRING, &s);
    int need;
    if (rc)
        return rc;
    text = sim_error_text(code);
    if (!buf || !text)
        return ERROR_INVALID_PARAMETER;
    need = WideCharToMultiByte(CP_ACP, 0, text, -1, NULL, 0, NULL, NULL);
    if (need <= 0 || cch < (DWORD)need)
        return ERROR_INSUFFICIENT_BUFFER;
    WideCharToMultiByte(CP_ACP, 0, text, -1, buf, need, NULL, NULL);
    return 0;
}

/* ---- RasGetSubEntryHandle ----------------------------------------------------------------- */

static DWORD get_sub_entry_handle(HANDLE h, DWORD i, HANDLE *out)
{
    SIM_SHARED *s;
    SIM_SLOT *sl;
    DWORD rc = sim_enter(RASSIM_GET_SUB_ENTRY_HANDLE, &s), sub = 0;
    if (rc)
        return rc;
    if (!out)
        return ERROR_INVALID_PARAMETER;
    sim_lock(s);
    sl = sim_find(s, (ULONG_PTR)h);
    rc = sl ? svc_sub_entry(s, sl, i, TRUE, &sub) : ERROR_INVALID_HANDLE;
    sim_unlock(s);
    if (!rc)
        *out = (HANDLE)(ULONG_PTR)sub;
    return rc;
}

DWORD WINAPI RasGetSubEntryHandleW(HANDLE hrasconn, DWORD dwSubEntry, HANDLE *lphrasconn)
{
    return get_sub_entry_handle(hrasconn, dwSubEntry, lphrasconn);
}

DWORD WINAPI RasGetSubEntryHandleA(HANDLE hrasconn, DWORD dwSubEntry, HANDLE *lphrasconn)
{
    return get_sub_entry_handle(hrasconn, dwSubEntry, lphrasconn);
}

/* RasEnumEntries and RasGetEntryDialParams are in phonebook.c, RasDial in dial.c. */
