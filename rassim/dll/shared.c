/* The simulated RAS service's shared state: the named file mapping, its lock, handles, the
 * listing order, the notification registrations, the call counters and the injected faults. */
#include "rassim.h"
#include <raserror.h>

static SIM_SHARED *volatile g_shared;
static INIT_ONCE g_once = INIT_ONCE_STATIC_INIT;
static LONGLONG g_freq;
static ULONGLONG g_created; /* this process's creation time */

static ULONGLONG process_created(HANDLE process)
{
    FILETIME created, exited, kernel, user;
    if (!GetProcessTimes(process, &created, &exited, &kernel, &user))
        return 0;
    return ((ULONGLONG)created.dwHighDateTime << 32) | created.dwLowDateTime;
}

static void init_fields(SIM_SHARED *s)
{
    s->magic = RASSIM_MAGIC;
    s->version = RASSIM_VERSION;
    s->size = sizeof(SIM_SHARED);
    s->profile = RASSIM_PROFILE_WIN7;
    s->linger_us = RASSIM_DEFAULT_LINGER_US;
    s->gone_code = ERROR_INVALID_HANDLE;
    s->reg_per_call = 1;
}

/* Maps Local\rassim-<RASSIM_NAMESPACE or "default">; the first process to map it sets it up. */
static BOOL CALLBACK open_shared(PINIT_ONCE once, PVOID param, PVOID *context)
{
    WCHAR name[128] = L"Local\\rassim-";
    WCHAR ns[96];
    DWORD n = GetEnvironmentVariableW(L"RASSIM_NAMESPACE", ns, ARRAYSIZE(ns));
    LARGE_INTEGER freq;
    HANDLE mapping;
    SIM_SHARED *s;
    DWORD i;
    (void)once;
    (void)param;
    (void)context;

    QueryPerformanceFrequency(&freq);
    g_freq = freq.QuadPart;
    g_created = process_created(GetCurrentProcess());
    if (n == 0 || n >= ARRAYSIZE(ns))
        lstrcpyW(ns, L"default");
    for (i = 0; ns[i]; i++)
        if (ns[i] == L'\\')
            ns[i] = L'_';
    lstrcatW(name, ns);

    mapping = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(SIM_SHARED), name);
    if (!mapping)
        return TRUE;
    /* The handle stays open for the life of the process: a view keeps the section alive, but
     * only an open handle keeps its name, which the other processes look it up by. */
    s = MapViewOfFile(mapping, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(SIM_SHARED));
    if (!s) {
        CloseHandle(mapping);
        return TRUE;
    }
    if (InterlockedCompareExchange(&s->init, 1, 0) == 0) {
        init_fields(s);
        InterlockedExchange(&s->init, 2);
    } else {
        /* Another process is setting it up; if it died doing so, finish the job. */
        for (i = 0; s->init != 2 && i < 2000; i++)
            Sleep(1);
        if (s->init != 2) {
            init_fields(s);
            InterlockedExchange(&s->init, 2);
        }
    }
    if (s->magic != RASSIM_MAGIC || s->version != RASSIM_VERSION || s->size != sizeof(SIM_SHARED)) {
        UnmapViewOfFile(s);
        CloseHandle(mapping);
        return TRUE;
    }
    g_shared = s;
    return TRUE;
}

SIM_SHARED *sim_shared(void)
{
    SIM_SHARED *s = g_shared;
    if (s)
        return s;
    InitOnceExecuteOnce(&g_once, open_shared, NULL, NULL);
    return g_shared;
}

LONGLONG sim_now(void)
{
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    return t.QuadPart;
}

LONGLONG sim_ticks(DWORD microseconds)
{
    return (LONGLONG)microseconds * g_freq / 1000000;
}

/* Whole milliseconds in ticks, 0 for none: whole seconds and the rest apart, so that no product
 * overflows however long the ticks. */
ULONGLONG sim_ms(LONGLONG ticks)
{
    if (ticks <= 0 || g_freq <= 0)
        return 0;
    return (ULONGLONG)(ticks / g_freq) * 1000u + (ULONGLONG)(ticks % g_freq) * 1000u / (ULONGLONG)g_freq;
}

/* ---- the lock ---------------------------------------------------------------------------- */

/* Whether thread (of any process) has ended, or never was. */
BOOL sim_thread_gone(DWORD thread)
{
    HANDLE t = OpenThread(SYNCHRONIZE, FALSE, thread);
    BOOL dead;
    if (!t)
        return GetLastError() == ERROR_INVALID_PARAMETER;
    dead = WaitForSingleObject(t, 0) == WAIT_OBJECT_0;
    CloseHandle(t);
    return dead;
}

static void lock_slow(SIM_SHARED *s, LONG me)
{
    unsigned spins = 0;
    for (;;) {
        LONG owner = s->lock;
        if (owner == 0) {
            if (InterlockedCompareExchange(&s->lock, me, 0) == 0)
                return;
            continue;
        }
        spins++;
        if (spins < 64) {
            YieldProcessor();
        } else if ((spins & 1023) == 0) {
            if (sim_thread_gone((DWORD)owner) && InterlockedCompareExchange(&s->lock, me, owner) == owner)
                return;
            Sleep(1);
        } else {
            SwitchToThread();
        }
    }
}

/* A spinlock in the shared memory: one interlocked instruction when uncontended, no kernel object.
 * Waiters spin, then yield; now and then they check that the owner thread still exists, and take
 * the lock over from a thread (or a whole process) that died holding it. */
void sim_lock(SIM_SHARED *s)
{
    LONG me = (LONG)GetCurrentThreadId();
    if (InterlockedCompareExchange(&s->lock, me, 0) != 0)
        lock_slow(s, me);
}

void sim_unlock(SIM_SHARED *s)
{
    InterlockedExchange(&s->lock, 0);
}

/* ---- the start of every RAS call ---------------------------------------------------------- */

static void busy_wait(LONG microseconds)
{
    LONGLONG end = sim_now() + sim_ticks((DWORD)microseconds);
    while (sim_now() < end)
        YieldProcessor();
}

/* Counts the call, spends the service cost, and returns the injected fault if there is one. */
DWORD sim_enter(DWORD func, SIM_SHARED **out)
{
    SIM_SHARED *s = sim_shared();
    SIM_FUNC *fn;
    LONG v;
    *out = s;
    if (!s)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    fn = &s->funcs[func];
    InterlockedIncrement(&fn->calls);
    v = s->service_cost_us;
    if (v > 0)
        busy_wait(v);
    v = fn->always_code;
    if (v)
        return (DWORD)v;
    while ((v = fn->fail_nth) > 0) {
        if (InterlockedCompareExchange(&fn->fail_nth, v - 1, v) == v)
            return v == 1 ? (DWORD)fn->nth_code : 0;
    }
    return 0;
}

/* The functions that answer with a size (*lpcb) and a count, and so can lie about them. Calls that
 * size by *lpcb without a count (the projection calls) take RASSIM_LIE_NEEDED only. */
static const DWORD lie_kinds[RASSIM_NFUNCS] = {
    [RASSIM_ENUM_CONNECTIONS] = RASSIM_LIE_NEEDED | RASSIM_LIE_COUNT | RASSIM_LIE_COUNT_PAST,
    [RASSIM_ENUM_ENTRIES] = RASSIM_LIE_NEEDED | RASSIM_LIE_COUNT | RASSIM_LIE_COUNT_PAST,
    [RASSIM_GET_PROJECTION_INFO_EX] = RASSIM_LIE_NEEDED,
    [RASSIM_GET_PROJECTION_INFO] = RASSIM_LIE_NEEDED,
};

BOOL sim_lie_allowed(DWORD func, DWORD kind)
{
    return func < RASSIM_NFUNCS &&
           (kind == RASSIM_LIE_NEEDED || kind == RASSIM_LIE_COUNT || kind == RASSIM_LIE_COUNT_PAST) &&
           (lie_kinds[func] & kind);
}

/* The end of every RAS call that answers with a size or a count: tells the lies set for func.
 * Either pointer may be NULL (an invalid call, or an answer without a count). holds is how many
 * items the caller's buffer held at its dwSize, for a successful answer that filled one. */
DWORD sim_leave(SIM_SHARED *s, DWORD func, DWORD rc, DWORD *lpcb, DWORD *count, DWORD holds)
{
    SIM_FUNC *fn;
    LONG lies;
    if (!s)
        return rc;
    fn = &s->funcs[func];
    lies = fn->lies;
    if (rc == ERROR_BUFFER_TOO_SMALL && lpcb && (lies & RASSIM_LIE_NEEDED))
        *lpcb = (DWORD)fn->lie_needed;
    if (rc == 0 && count && (lies & RASSIM_LIE_COUNT))
        *count = (DWORD)fn->lie_count;
    if (rc == 0 && count && (lies & RASSIM_LIE_COUNT_PAST))
        *count = holds + 1;
    return rc;
}

/* ---- handles and slots (all under the lock) ----------------------------------------------- */

DWORD sim_handle_value(HANDLE h)
{
    ULONG_PTR v = (ULONG_PTR)h;
    return v > 0xFFFFFFFFu ? 0 : (DWORD)v;
}

static BOOL expired(const SIM_SLOT *sl, LONGLONG now)
{
    return (sl->flags & (SLOT_HUNG_UP | SLOT_SUBENTRY)) == SLOT_HUNG_UP && now >= sl->gone_at;
}

/* A handle is found through its bucket, not its value: a reused value (RasSimReuseHandle) lives
 * in whichever slot was free. */
static DWORD *bucket_of(SIM_SHARED *s, DWORD h)
{
    return &s->buckets[h & (SIM_MAX_SLOTS - 1)];
}

/* The slot of a valid handle, or NULL. A hung-up connection's handle is valid until its linger
 * has passed; a sub-entry handle stays valid. */
SIM_SLOT *sim_find(SIM_SHARED *s, ULONG_PTR h)
{
    DWORD next, n;
    if (h == 0 || h > 0xFFFFFFFFu)
        return NULL;
    /* The bound keeps a chain that a crashed process left looped from looping here. */
    for (next = *bucket_of(s, (DWORD)h), n = 0; next && next <= SIM_MAX_SLOTS && n < SIM_MAX_SLOTS; n++) {
        SIM_SLOT *sl = &s->slots[next - 1];
        if (sl->hconn == (DWORD)h) {
            if (expired(sl, sim_now())) {
                sim_free_slot(s, sl);
                return NULL;
            }
            return sl;
        }
        next = sl->chain;
    }
    return NULL;
}

/* Whether h is a value this service has handed out, valid or not. */
BOOL sim_issued(SIM_SHARED *s, DWORD h)
{
    DWORD seq = h >> SIM_SLOT_BITS;
    return seq >= 1 && seq <= s->next_seq && h == SIM_HANDLE(seq);
}

/* A free slot with handle value h, or with a new one when h is 0. */
SIM_SLOT *sim_alloc(SIM_SHARED *s, DWORD h)
{
    LONGLONG now = sim_now();
    DWORD i, *bucket;
    if (!h && s->next_seq >= SIM_MAX_SEQ)
        return NULL;
    for (i = 0; i < SIM_MAX_SLOTS; i++) {
        DWORD idx = (s->alloc_cursor + i) & (SIM_MAX_SLOTS - 1);
        SIM_SLOT *sl = &s->slots[idx];
        if (sl->hconn && expired(sl, now))
            sim_free_slot(s, sl);
        if (!sl->hconn) {
            memset(sl, 0, sizeof(*sl));
            if (!h) {
                s->next_seq++;
                h = SIM_HANDLE(s->next_seq);
            }
            sl->hconn = h;
            bucket = bucket_of(s, sl->hconn);
            sl->chain = *bucket;
            *bucket = idx + 1;
            s->alloc_cursor = idx + 1;
            return sl;
        }
    }
    return NULL;
}

void sim_free_slot(SIM_SHARED *s, SIM_SLOT *sl)
{
    DWORD idx = (DWORD)(sl - s->slots) + 1, *link, n;
    if (sl->flags & SLOT_LISTED)
        sim_unlist(s, sl);
    for (link = bucket_of(s, sl->hconn), n = 0; *link && *link <= SIM_MAX_SLOTS && n < SIM_MAX_SLOTS; n++) {
        if (*link == idx) {
            *link = sl->chain;
            break;
        }
        link = &s->slots[*link - 1].chain;
    }
    sl->hconn = 0;
    sl->flags = 0;
}

void sim_list(SIM_SHARED *s, SIM_SLOT *sl)
{
    s->listed[s->nlisted++] = (DWORD)(sl - s->slots);
    sl->flags |= SLOT_LISTED;
}

void sim_unlist(SIM_SHARED *s, SIM_SLOT *sl)
{
    DWORD idx = (DWORD)(sl - s->slots), i;
    for (i = 0; i < s->nlisted; i++) {
        if (s->listed[i] == idx) {
            memmove(&s->listed[i], &s->listed[i + 1], (s->nlisted - i - 1) * sizeof(DWORD));
            s->nlisted--;
            break;
        }
    }
    sl->flags &= ~SLOT_LISTED;
}

/* ---- notifications ----------------------------------------------------------------------- */

/* The registering process, if it still runs (and is the same process, not a reused id). */
static HANDLE open_registrant(DWORD pid, ULONGLONG created)
{
    HANDLE p = OpenProcess(PROCESS_DUP_HANDLE | PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, pid);
    ULONGLONG c;
    if (!p)
        return NULL;
    c = process_created(p);
    if (WaitForSingleObject(p, 0) == WAIT_OBJECT_0 || (c && created && c != created)) {
        CloseHandle(p);
        return NULL;
    }
    return p;
}

static BOOL is_self(DWORD pid, ULONGLONG created)
{
    return pid == GetCurrentProcessId() && created == g_created;
}

/* Sets ev and counts it (RasSimSignals). Counted first: a test woken by the event must find the
 * count it caused. */
BOOL sim_signal(SIM_SHARED *s, HANDLE ev)
{
    LONG thread = InterlockedExchange(&s->signal_thread, (LONG)GetCurrentThreadId());
    InterlockedIncrement(&s->signals);
    if (SetEvent(ev))
        return TRUE;
    InterlockedDecrement(&s->signals);
    InterlockedCompareExchange(&s->signal_thread, thread, (LONG)GetCurrentThreadId());
    return FALSE;
}

/* A handle of this process to a registration's event, for the caller to close; NULL when its
 * process is gone. With last set the duplicate the simulator keeps in the registering process is
 * closed (or, in this process, handed over). */
static HANDLE target_event(const SIM_TARGET *t)
{
    HANDLE self = GetCurrentProcess(), p, ev = NULL;
    if (is_self(t->pid, t->created)) {
        if (t->last)
            return (HANDLE)(ULONG_PTR)t->event;
        return DuplicateHandle(self, (HANDLE)(ULONG_PTR)t->event, self, &ev, EVENT_MODIFY_STATE, FALSE, 0) ? ev : NULL;
    }
    p = open_registrant(t->pid, t->created);
    if (!p)
        return NULL;
    if (!DuplicateHandle(p, (HANDLE)(ULONG_PTR)t->event, self, &ev, EVENT_MODIFY_STATE, FALSE,
                         t->last ? DUPLICATE_CLOSE_SOURCE : 0))
        ev = NULL;
    CloseHandle(p);
    return ev;
}

/* Signals a registration's event from whichever process changed the state: at once, or from
 * this process's own thread at due. A late signal holds its own handle to the event, so that a
 * reset closing the registration's duplicate meanwhile cannot leave it a recycled handle value. */
static BOOL signal_target(SIM_SHARED *s, const SIM_TARGET *t, const SIM_FIRE *f)
{
    HANDLE ev;
    BOOL ok;
    if (!f->due && !t->last && is_self(t->pid, t->created))
        return sim_signal(s, (HANDLE)(ULONG_PTR)t->event);
    ev = target_event(t);
    if (!ev)
        return FALSE;
    if (f->due && sim_defer(s, ev, f->epoch, f->due))
        return TRUE;
    ok = sim_signal(s, ev);
    CloseHandle(ev);
    return ok;
}

/* Closes the duplicate the simulator keeps for a registration that is going away. */
static void close_duplicate(DWORD pid, ULONGLONG created, ULONGLONG event)
{
    HANDLE p;
    if (is_self(pid, created)) {
        CloseHandle((HANDLE)(ULONG_PTR)event);
        return;
    }
    p = open_registrant(pid, created);
    if (p) {
        DuplicateHandle(p, (HANDLE)(ULONG_PTR)event, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE);
        CloseHandle(p);
    }
}

/* Whether registration r is for a change of kind (RASCN_*) to connection hconn. A link is added
 * or removed for the registrations of its own connection only: Windows documents the bandwidth
 * events for a multilink connection's handle, not for INVALID_HANDLE_VALUE. */
static BOOL reg_wants(const SIM_REG *r, DWORD hconn, DWORD kind)
{
    if (!(r->flags & kind))
        return FALSE;
    if (r->hconn == hconn)
        return TRUE;
    return r->hconn == SIM_ALL_CONNECTIONS && !(kind & (RASCN_BANDWIDTH_ADDED | RASCN_BANDWIDTH_REMOVED));
}

/* Adds the registrations a change of kind (RASCN_*) to connection hconn signals. In fires-once
 * mode each registration is removed as it is collected. With a notification delay the signal is
 * due that long after the change, and a change that reaches a registration whose late signal is
 * still on its way (and comes after the change) rides on that one. A change that happens later
 * (f->at, a link's hang-up) is signalled when it happens. */
void sim_collect(SIM_SHARED *s, SIM_FIRE *f, DWORD hconn, DWORD kind)
{
    LONGLONG now = 0;
    DWORD i, j;
    if (s->notify_delay_us || f->at) {
        now = sim_now();
        if (f->at > now)
            now = f->at;
        if (!f->due)
            f->due = now + sim_ticks(s->notify_delay_us);
        f->epoch = (DWORD)s->epoch;
    }
    for (i = 0; i < SIM_MAX_REGS; i++) {
        SIM_REG *r = &s->regs[i];
        if (!reg_wants(r, hconn, kind))
            continue;
        for (j = 0; j < f->n && f->t[j].id != r->id; j++)
            ;
        if (j < f->n)
            continue;
        if (f->due) {
            if (r->due > now)
                continue;
            r->due = f->due;
        }
        if (!f->t) {
            f->t = HeapAlloc(GetProcessHeap(), 0, SIM_MAX_REGS * sizeof(SIM_TARGET));
            if (!f->t)
                return;
        }
        f->t[f->n].pid = r->pid;
        f->t[f->n].id = r->id;
        f->t[f->n].created = r->created;
        f->t[f->n].event = r->event;
        f->t[f->n].last = s->fires_once != 0;
        f->n++;
        if (s->fires_once)
            r->flags = 0;
    }
}

/* Signals what sim_collect gathered; call it without the lock. Registrations whose process is
 * gone, or whose event no longer duplicates, are dropped. */
void sim_fire(SIM_SHARED *s, SIM_FIRE *f)
{
    DWORD i, j, failed = 0;
    for (i = 0; i < f->n; i++) {
        if (!signal_target(s, &f->t[i], f) && !f->t[i].last)
            f->t[failed++].id = f->t[i].id;
    }
    if (failed) {
        sim_lock(s);
        for (i = 0; i < SIM_MAX_REGS; i++)
            for (j = 0; j < failed; j++)
                if (s->regs[i].flags && s->regs[i].id == f->t[j].id)
                    s->regs[i].flags = 0;
        sim_unlock(s);
    }
    if (f->t)
        HeapFree(GetProcessHeap(), 0, f->t);
    f->t = NULL;
    f->n = 0;
    f->due = 0;
    f->at = 0;
}

/* Frees the registrations that can never fire again: their process is gone, or their connection
 * is. Slow (it opens processes), so only when the table is full. */
static void purge_registrations(SIM_SHARED *s)
{
    DWORD i;
    for (i = 0; i < SIM_MAX_REGS; i++) {
        SIM_REG *r = &s->regs[i];
        HANDLE p;
        if (!r->flags)
            continue;
        if (r->hconn != SIM_ALL_CONNECTIONS && !sim_find(s, r->hconn)) {
            close_duplicate(r->pid, r->created, r->event);
            r->flags = 0;
        } else if (!is_self(r->pid, r->created)) {
            p = open_registrant(r->pid, r->created);
            if (p)
                CloseHandle(p);
            else
                r->flags = 0;
        }
    }
}

/* Registers event (a handle of the calling process) for changes of kind flags to hconn. The
 * service keeps its own duplicate of the event, as Windows' RAS service does, so the caller may
 * close its handle. Every call is a registration of its own, as Windows promises nothing better;
 * with reg_per_call off (RasSimSetRegistrationPerCall(0)) a repeated registration of the same
 * handle value merges into the first instead. */
DWORD sim_register(SIM_SHARED *s, DWORD hconn, HANDLE event, DWORD flags)
{
    HANDLE self = GetCurrentProcess(), dup;
    ULONGLONG stale = 0;
    SIM_REG *r = NULL;
    DWORD i, pid = GetCurrentProcessId(), rc = 0;

    if (!DuplicateHandle(self, event, self, &dup, 0, FALSE, DUPLICATE_SAME_ACCESS))
        return ERROR_INVALID_HANDLE;
    sim_lock(s);
    if (hconn != SIM_ALL_CONNECTIONS) {
        SIM_SLOT *sl = sim_find(s, hconn);
        if (!sl || (sl->flags & SLOT_HUNG_UP))
            rc = ERROR_INVALID_HANDLE;
    }
    for (i = 0; !rc && !s->reg_per_call && i < SIM_MAX_REGS; i++) {
        SIM_REG *q = &s->regs[i];
        if (q->flags && q->pid == pid && q->created == g_created && q->hconn == hconn &&
            q->caller_event == (ULONG_PTR)event) {
            r = q;
            stale = q->event;
            flags |= q->flags;
            break;
        }
    }
    for (i = 0; !rc && !r && i < SIM_MAX_REGS; i++)
        if (!s->regs[i].flags)
            r = &s->regs[i];
    if (!rc && !r) {
        purge_registrations(s);
        for (i = 0; !r && i < SIM_MAX_REGS; i++)
            if (!s->regs[i].flags)
                r = &s->regs[i];
        if (!r)
            rc = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (!rc) {
        r->flags = flags;
        r->hconn = hconn;
        r->pid = pid;
        r->id = ++s->next_reg_id;
        r->created = g_created;
        r->event = (ULONG_PTR)dup;
        r->caller_event = (ULONG_PTR)event;
        if (!stale)
            r->due = 0;
    }
    sim_unlock(s);
    if (rc)
        CloseHandle(dup);
    if (stale)
        CloseHandle((HANDLE)(ULONG_PTR)stale);
    return rc;
}

/* Before handle value h is given to a new connection: the registrations and sub-entry handles
 * that the old connection of that value left must not take the new one for theirs. */
void sim_forget_handle(SIM_SHARED *s, DWORD h)
{
    DWORD i;
    for (i = 0; i < SIM_MAX_REGS; i++) {
        SIM_REG *r = &s->regs[i];
        if (r->flags && r->hconn == h) {
            close_duplicate(r->pid, r->created, r->event);
            r->flags = 0;
        }
    }
    for (i = 0; i < SIM_MAX_SLOTS; i++)
        if (s->slots[i].hconn && (s->slots[i].flags & SLOT_SUBENTRY) && s->slots[i].parent == h)
            s->slots[i].parent = 0;
}

DWORD sim_registrations(SIM_SHARED *s)
{
    DWORD i, n = 0;
    sim_lock(s);
    for (i = 0; i < SIM_MAX_REGS; i++)
        if (s->regs[i].flags)
            n++;
    sim_unlock(s);
    return n;
}

/* Back to a fresh service with profile: no connections, registrations, faults or counts, and
 * every control at its default. Handle values go on from where they were, so that no handle is
 * reused unless a test asks for it. */
void sim_reset(SIM_SHARED *s, DWORD profile)
{
    SIM_REG *old = HeapAlloc(GetProcessHeap(), 0, sizeof(s->regs));
    DWORD i;
    sim_lock(s);
    if (old)
        memcpy(old, s->regs, sizeof(s->regs));
    memset(s->regs, 0, sizeof(s->regs));
    for (i = 0; i < SIM_MAX_SLOTS; i++) {
        s->slots[i].hconn = 0;
        s->slots[i].flags = 0;
    }
    memset(s->buckets, 0, sizeof(s->buckets));
    s->nlisted = 0;
    s->alloc_cursor = 0;
    memset(s->funcs, 0, sizeof(s->funcs));
    s->profile = profile;
    s->linger_us = RASSIM_DEFAULT_LINGER_US;
    s->fires_once = 0;
    s->service_cost_us = 0;
    s->appear = 0;
    s->appeared = 0;
    s->gone_code = ERROR_INVALID_HANDLE;
    s->reuse = 0;
    s->reg_per_call = 1;
    s->notify_delay_us = 0;
    s->nentries = 0;
    InterlockedIncrement(&s->epoch);
    InterlockedExchange(&s->signals, 0);
    InterlockedExchange(&s->signal_thread, 0);
    sim_unlock(s);
    if (old) {
        for (i = 0; i < SIM_MAX_REGS; i++)
            if (old[i].flags)
                close_duplicate(old[i].pid, old[i].created, old[i].event);
        HeapFree(GetProcessHeap(), 0, old);
    }
}

/* Fills a terminated field's whole array with no NUL, repeating its text ('#' when it has none):
 * what a reader that trusts the terminator reads past. */
void sim_unterminate(WCHAR *field, size_t n)
{
    size_t len = 0, i;
    while (len < n && field[len])
        len++;
    if (!len) {
        field[0] = L'#';
        len = 1;
    }
    for (i = len; i < n; i++)
        field[i] = field[i % len];
}

/* Windows promises nothing of the bytes that packing leaves between a structure's fields and after
 * its last one: here they are 0xCC, as memory nobody wrote, so that a reader one character past a
 * full string field reads garbage and not a convenient NUL. Bytes from..to, within the caller's size. */
void sim_pad(void *dst, DWORD size, size_t from, size_t to)
{
    size_t i;
    for (i = from; i < to && i < size; i++)
        ((BYTE *)dst)[i] = 0xCC;
}

void sim_w2a(CHAR *dst, size_t dstlen, const WCHAR *src, size_t srclen)
{
    size_t n = 0;
    int r = 0;
    while (n < srclen && src[n])
        n++;
    if (n) {
        r = WideCharToMultiByte(CP_ACP, 0, src, (int)n, dst, (int)dstlen, NULL, NULL);
        if (r == 0)
            for (; (size_t)r < n && (size_t)r < dstlen; r++)
                dst[r] = src[r] < 0x80 ? (CHAR)src[r] : '?';
    }
    if ((size_t)r < dstlen)
        dst[r] = 0;
}
