/* Late signals (RasSimSetNotifyDelay): Windows signals from RasMan's own thread, some time after
 * the change. The process whose change reached a registration queues the signal here, with its
 * own handle to the event, and a thread of this process's signals it once it is due.
 *
 * Windows' service signals whatever becomes of the process that made the change; here the signals
 * live in that process, so before it ends they must be delivered: by RasSimDeliverLate, which a
 * program that ends without ExitProcess calls first (rassimctl does), or by DllMain, which
 * ExitProcess runs.
 *
 * The queue takes no lock: DllMain delivers what is still queued when the process exits, after
 * Windows has killed every other thread, possibly in the middle of a queue operation. An entry is
 * claimed by one interlocked exchange and published by another once it is filled, so DllMain
 * sees only whole entries; and it is taken for delivery by one more, so that the thread and
 * RasSimDeliverLate never both deliver it. One the thread had taken but not yet freed when it was
 * killed is signalled again by DllMain, which a notification's reader cannot tell from a
 * coalesced one. */
#include "rassim.h"

#define QUEUE_LEN (2u * SIM_MAX_REGS)

enum { ENTRY_FREE, ENTRY_CLAIMED, ENTRY_QUEUED, ENTRY_DELIVERING };

typedef struct {
    volatile LONG state;
    DWORD epoch;
    LONGLONG due;
    HANDLE event;
} LATE;

static LATE g_queue[QUEUE_LEN];
static SIM_SHARED *volatile g_service; /* for DllMain, which must not map or lock anything */
static HANDLE g_wake;                  /* auto-reset: something was queued */
static INIT_ONCE g_started = INIT_ONCE_STATIC_INIT;

/* Sleeps until QPC reaches due: Sleep can return early by a tick, and QPC is the clock due is on. */
static void wait_until(LONGLONG due)
{
    LONGLONG now;
    while ((now = sim_now()) < due)
        Sleep((DWORD)((due - now) / (sim_ticks(1000) ? sim_ticks(1000) : 1)) + 1);
}

/* Takes an entry in state from for delivery, signals it unless a reset came after it was queued,
 * and frees it. An entry another thread took first is left to it. */
static void deliver(LATE *e, LONG from)
{
    SIM_SHARED *s = g_service;
    if (InterlockedCompareExchange(&e->state, ENTRY_DELIVERING, from) != from)
        return;
    if (e->epoch == (DWORD)s->epoch)
        sim_signal(s, e->event);
    CloseHandle(e->event);
    InterlockedExchange(&e->state, ENTRY_FREE);
}

static DWORD WINAPI late_thread(void *started)
{
    SetEvent((HANDLE)started);
    for (;;) {
        LONGLONG now = sim_now(), next = 0;
        DWORD i, wait = INFINITE;
        for (i = 0; i < QUEUE_LEN; i++) {
            LATE *e = &g_queue[i];
            if (e->state != ENTRY_QUEUED)
                continue;
            if (e->due <= now)
                deliver(e, ENTRY_QUEUED);
            else if (!next || e->due < next)
                next = e->due;
        }
        if (next)
            wait = (DWORD)((next - now) / (sim_ticks(1000) ? sim_ticks(1000) : 1)) + 1;
        WaitForSingleObject(g_wake, wait);
    }
    return 0;
}

/* Starts the thread once per process and waits until it runs: under 32-bit Wine 8 a process that
 * exits while one of its threads is still starting sometimes crashes. The DLL is pinned first, so
 * that no FreeLibrary can unload the code the thread runs. */
static BOOL CALLBACK start_thread(PINIT_ONCE once, PVOID param, PVOID *context)
{
    HMODULE self;
    HANDLE started, thread;
    (void)once;
    (void)param;
    (void)context;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                            (LPCWSTR)(void *)g_queue, &self))
        return FALSE;
    g_wake = CreateEventW(NULL, FALSE, FALSE, NULL);
    started = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!g_wake || !started) {
        if (started)
            CloseHandle(started);
        return FALSE;
    }
    thread = CreateThread(NULL, 0, late_thread, started, 0, NULL);
    if (thread) {
        WaitForSingleObject(started, INFINITE);
        CloseHandle(thread);
    }
    CloseHandle(started);
    return thread != NULL;
}

/* Queues event (a handle of this process, which the queue now owns) to be signalled at due. When
 * the thread cannot start or the queue is full, the calling thread waits until due and signals
 * it itself: late, and never lost. */
BOOL sim_defer(SIM_SHARED *s, HANDLE event, DWORD epoch, LONGLONG due)
{
    DWORD i;
    g_service = s;
    if (InitOnceExecuteOnce(&g_started, start_thread, NULL, NULL)) {
        for (i = 0; i < QUEUE_LEN; i++) {
            LATE *e = &g_queue[i];
            if (InterlockedCompareExchange(&e->state, ENTRY_CLAIMED, ENTRY_FREE) != ENTRY_FREE)
                continue;
            e->epoch = epoch;
            e->due = due;
            e->event = event;
            InterlockedExchange(&e->state, ENTRY_QUEUED);
            SetEvent(g_wake);
            return TRUE;
        }
    }
    wait_until(due);
    return FALSE;
}

/* The queued entry due first, or NULL; *busy says whether another thread is delivering one. */
static LATE *first_queued(BOOL *busy)
{
    LATE *first = NULL;
    DWORD i;
    *busy = FALSE;
    for (i = 0; i < QUEUE_LEN; i++) {
        LONG state = g_queue[i].state;
        if (state == ENTRY_QUEUED && (!first || g_queue[i].due < first->due))
            first = &g_queue[i];
        else if (state == ENTRY_DELIVERING)
            *busy = TRUE;
    }
    return first;
}

/* Delivers every signal this process queued, each at its time, and returns once none is left:
 * what a process that ends without ExitProcess (and so without DllMain) calls before it ends. */
DWORD WINAPI RasSimDeliverLate(void)
{
    BOOL busy;
    LATE *first;
    if (!g_service)
        return 0;
    while ((first = first_queued(&busy)) || busy) {
        if (!first) {
            Sleep(1); /* the thread is signalling one: it takes no longer than that */
            continue;
        }
        if (first->epoch == (DWORD)g_service->epoch)
            wait_until(first->due);
        deliver(first, ENTRY_QUEUED);
    }
    return 0;
}

/* At process exit every other thread is gone: what is still queued is signalled here, each at
 * its time, so that a short-lived process's changes reach their registrations late, as from a
 * longer-lived one. An entry the killed thread had taken is signalled again. */
BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID reserved)
{
    DWORD i;
    (void)module;
    (void)reserved;
    if (reason != DLL_PROCESS_DETACH || !g_service)
        return TRUE;
    for (i = 0; i < QUEUE_LEN; i++)
        if (g_queue[i].state == ENTRY_DELIVERING)
            InterlockedExchange(&g_queue[i].state, ENTRY_QUEUED);
    RasSimDeliverLate();
    return TRUE;
}
