/* rassim: a simulator of rasapi32.dll. This header is the control surface's ABI (the RasSim*
 * exports and RASSIM_CONN) and the simulated RAS service's state, shared by every process that
 * loads the DLL under the same RASSIM_NAMESPACE. See ../README.md. */
#ifndef RASSIM_H
#define RASSIM_H

#include <windows.h>
#include "layout.h"

/* ---- The control surface (exports; every one returns 0 or an error code) ---------------- */

#define RASSIM_MAGIC 0x4D495352u  /* "RSIM": RasSimVersion's *magic */
#define RASSIM_VERSION 7u         /* bumped when the ABI or the shared layout changes */

#define RASSIM_PROFILE_WIN7 0u
#define RASSIM_PROFILE_XP 1u
#define RASSIM_PROFILE_WIN10 2u /* Windows 8 and later: the 0x602 RASDIALPARAMS too */

/* The RAS functions, for the counters and the injected faults. A and W forms share one id. */
enum {
    RASSIM_ENUM_CONNECTIONS = 0,
    RASSIM_GET_CONNECT_STATUS = 1,
    RASSIM_HANG_UP = 2,
    RASSIM_CONNECTION_NOTIFICATION = 3,
    RASSIM_GET_ERROR_STRING = 4,
    RASSIM_GET_SUB_ENTRY_HANDLE = 5,
    RASSIM_GET_CONNECTION_STATISTICS = 6,
    RASSIM_ENUM_ENTRIES = 7,
    RASSIM_GET_LINK_STATISTICS = 8,
    RASSIM_GET_PROJECTION_INFO_EX = 9,
    RASSIM_GET_PROJECTION_INFO = 10, /* RasGetProjectionInfoW */
    RASSIM_DIAL = 11,                /* RasDialW */
    RASSIM_GET_ENTRY_DIAL_PARAMS = 12, /* RasGetEntryDialParamsW */
    RASSIM_NFUNCS = 13
};

/* RASSIM_CONN.dwOptions: which fixed string fields fill their whole array with no NUL. */
#define RASSIM_OPT_UNTERMINATED_ENTRY 0x1u
#define RASSIM_OPT_UNTERMINATED_DEVICE_TYPE 0x2u
#define RASSIM_OPT_UNTERMINATED_DEVICE_NAME 0x4u
#define RASSIM_OPT_UNTERMINATED_PHONEBOOK 0x8u
#define RASSIM_OPT_UNTERMINATED_PHONE_NUMBER 0x10u
#define RASSIM_OPT_ALL 0x1Fu

/* RasSimSetLie's kinds, bits of SIM_FUNC.lies. */
#define RASSIM_LIE_NEEDED 0x1u /* every 603 answer writes the value to *lpcb */
#define RASSIM_LIE_COUNT 0x2u  /* every successful answer writes the value to the count output */
#define RASSIM_LIE_COUNT_PAST 0x4u /* every successful answer writes to the count output one item more than
                                    * the caller's buffer holds at its dwSize (the value is not used) */

#define RASSIM_MAX_NOTIFY_DELAY_US 10000000u /* a process exiting with signals pending waits this long at most */

#define RASSIM_DEFAULT_LINGER_US 250000u
#define RASSIM_MAX_SUBENTRIES 32u

/* A connection to add: naturally aligned, the same on every architecture (1684 bytes). Strings
 * are NUL-terminated within their fields. An empty szEntryName makes an entry-less connection,
 * listed as "." followed by szPhoneNumber. */
typedef struct {
    DWORD dwSize;       /* sizeof(RASSIM_CONN) */
    DWORD dwSubEntry;
    DWORD dwFlags;      /* RASCF_* */
    DWORD dwSubState;   /* RASCONNSUBSTATE */
    DWORD dwOptions;    /* RASSIM_OPT_* */
    GUID guidEntry;
    GUID guidCorrelationId;
    LUID luid;
    DWORD dwLocalType;  /* RASTUNNELENDPOINT_* */
    BYTE localAddr[16];
    DWORD dwRemoteType;
    BYTE remoteAddr[16];
    WCHAR szEntryName[RAS_MAX_ENTRY_NAME + 1];
    WCHAR szPhoneNumber[RAS_MAX_PHONE_NUMBER + 1];
    WCHAR szDeviceType[RAS_MAX_DEVICE_TYPE + 1];
    WCHAR szDeviceName[RAS_MAX_DEVICE_NAME + 1];
    WCHAR szPhonebook[MAX_PATH];
} RASSIM_CONN;

_Static_assert(sizeof(RASSIM_CONN) == 1684, "RASSIM_CONN is mirrored in Go");
_Static_assert(offsetof(RASSIM_CONN, szEntryName) == 100, "RASSIM_CONN is mirrored in Go");

/* What RasGetConnectionStatistics and RasGetLinkStatistics report from now on: RAS_STATS's values
 * (dwSize aside) as they are now, and how fast the four byte and frame counters grow. Naturally
 * aligned, the same on every architecture (76 bytes). */
typedef struct {
    DWORD dwSize;              /* sizeof(RASSIM_STATS) */
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
    DWORD dwBps;
    DWORD dwConnectDuration;   /* milliseconds; it goes on counting from here */
    DWORD dwBytesXmitedPerSec; /* the four counters grow by these, modulo 2^32 */
    DWORD dwBytesRcvedPerSec;
    DWORD dwFramesXmitedPerSec;
    DWORD dwFramesRcvedPerSec;
} RASSIM_STATS;

_Static_assert(sizeof(RASSIM_STATS) == 76, "RASSIM_STATS is mirrored in Go");
_Static_assert(offsetof(RASSIM_STATS, dwConnectDuration) == 56, "RASSIM_STATS is RAS_STATS, then the rates");

/* A phone-book entry's dial script: what RasDialW reports, step by step. */
#define RASSIM_MAX_STEPS 32u
#define RASSIM_MAX_ENTRIES 64u
#define RASSIM_MAX_STEP_DELAY_US 3600000000u /* an hour: a step's or the connect's delay */

/* RASSIM_ENTRY.dwFlags */
#define RASSIM_ENTRY_ALL_USERS 0x1u /* in the All Users phone book: REN_AllUsers, RASCF_AllUsers */
#define RASSIM_ENTRY_SAVED 0x2u     /* Windows has the entry's credentials saved */
/* RasEnumEntries lists the name, or the phone book's path, filling its whole array with no NUL */
#define RASSIM_ENTRY_UNTERMINATED_NAME 0x4u
#define RASSIM_ENTRY_UNTERMINATED_PHONEBOOK 0x8u
#define RASSIM_ENTRY_FLAGS 0xFu

/* What RasGetEntryDialParamsW gives for a saved password, and RasDialW takes as that password:
 * Windows never hands a saved password back, only a stand-in for it. */
#define RASSIM_SAVED_PASSWORD L"****************"

typedef struct {
    DWORD dwState;         /* a RASCONNSTATE, any value but RASCS_Connected and RASCS_Disconnected */
    DWORD dwDelayUs;       /* how long after the step before it the state is reported */
    DWORD dwError;         /* 0: the step succeeds; else the dial fails here with it */
    DWORD dwExtendedError;
} RASSIM_STEP;

/* A phone-book entry to add: naturally aligned, the same on every architecture (3188 bytes).
 * Strings are NUL-terminated within their fields. An empty szPhonebook is the default book, the
 * All Users one or the user's by RASSIM_ENTRY_ALL_USERS. dwSteps 0 is the default script. An
 * empty szUserName accepts any credentials. */
typedef struct {
    DWORD dwSize;               /* sizeof(RASSIM_ENTRY) */
    DWORD dwFlags;              /* RASSIM_ENTRY_* */
    DWORD dwSteps;              /* steps used, at most RASSIM_MAX_STEPS */
    DWORD dwConnectDelayUs;     /* after the last step, before RASCS_Connected */
    GUID guidEntry;
    RASSIM_STEP steps[RASSIM_MAX_STEPS];
    WCHAR szEntryName[RAS_MAX_ENTRY_NAME + 1];
    WCHAR szPhonebook[MAX_PATH];
    WCHAR szDeviceType[RAS_MAX_DEVICE_TYPE + 1];
    WCHAR szDeviceName[RAS_MAX_DEVICE_NAME + 1];
    WCHAR szPhoneNumber[RAS_MAX_PHONE_NUMBER + 1];
    WCHAR szUserName[RAS_MAX_USER_NAME + 1];
    WCHAR szPassword[RAS_MAX_PASSWORD + 1];
    WCHAR szDomain[RAS_MAX_DOMAIN + 1];
} RASSIM_ENTRY;

_Static_assert(sizeof(RASSIM_STEP) == 16, "RASSIM_STEP is mirrored in Go");
_Static_assert(sizeof(RASSIM_ENTRY) == 3188, "RASSIM_ENTRY is mirrored in Go");
_Static_assert(offsetof(RASSIM_ENTRY, szEntryName) == 544, "RASSIM_ENTRY is mirrored in Go");
_Static_assert(offsetof(RASSIM_ENTRY, szDomain) == 3156, "RASSIM_ENTRY is mirrored in Go");

/* RASSIM_PROJECTION.dwType */
#define RASSIM_PROJECTION_NONE 0u /* not projected: 730 */
/* and PROJECTION_INFO_TYPE_PPP (1), PROJECTION_INFO_TYPE_IKEV2 (2) */

/* RASSIM_PROJECTION.dwNotConfigured */
#define RASSIM_PROTOCOL_IPV4 0x1u
#define RASSIM_PROTOCOL_IPV6 0x2u
#define RASSIM_PROTOCOL_ALL 0x3u

#define RASSIM_MAX_SERVERS 16u /* IKEv2 server addresses of each family */

/* A connection's projection: every field of RASPPP_PROJECTION_INFO and RASIKEV2_PROJECTION_INFO
 * (each type reports its own), the server addresses by value. Addresses are in network order.
 * Naturally aligned, the same on every architecture (484 bytes). */
typedef struct {
    DWORD dwSize;                          /* sizeof(RASSIM_PROJECTION) */
    DWORD dwType;                          /* RASSIM_PROJECTION_NONE or PROJECTION_INFO_TYPE_* */
    DWORD dwNotConfigured;                 /* RASSIM_PROTOCOL_*, not configured */
    DWORD dwIPv4NegotiationError;
    BYTE ipv4Address[4];
    BYTE ipv4ServerAddress[4];
    DWORD dwIPv4Options;                   /* PPP */
    DWORD dwIPv4ServerOptions;             /* PPP */
    DWORD dwIPv6NegotiationError;
    BYTE ipv6Address[16];                  /* IKEv2 */
    BYTE ipv6ServerAddress[16];            /* IKEv2 */
    DWORD dwPrefixLength;                  /* IKEv2 */
    BYTE bInterfaceIdentifier[8];          /* PPP */
    BYTE bServerInterfaceIdentifier[8];    /* PPP */
    DWORD fBundled;                        /* PPP */
    DWORD fMultilink;                      /* PPP */
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;            /* PPP */
    DWORD dwServerAuthenticationProtocol;  /* PPP */
    DWORD dwServerAuthenticationData;      /* PPP */
    DWORD dwEapTypeId;
    DWORD dwServerEapTypeId;               /* PPP */
    DWORD dwLcpOptions;                    /* PPP */
    DWORD dwLcpServerOptions;              /* PPP */
    DWORD dwCcpError;                      /* PPP */
    DWORD dwCcpCompressionAlgorithm;       /* PPP */
    DWORD dwCcpServerCompressionAlgorithm; /* PPP */
    DWORD dwCcpOptions;                    /* PPP */
    DWORD dwCcpServerOptions;              /* PPP */
    DWORD dwFlags;                         /* IKEv2 */
    DWORD dwEncryptionMethod;              /* IKEv2 */
    DWORD numIPv4ServerAddresses;          /* IKEv2, at most RASSIM_MAX_SERVERS */
    DWORD numIPv6ServerAddresses;          /* IKEv2, at most RASSIM_MAX_SERVERS */
    BYTE ipv4ServerAddresses[RASSIM_MAX_SERVERS][4];
    BYTE ipv6ServerAddresses[RASSIM_MAX_SERVERS][16];
} RASSIM_PROJECTION;

_Static_assert(sizeof(RASSIM_PROJECTION) == 484, "RASSIM_PROJECTION is mirrored in Go");
_Static_assert(offsetof(RASSIM_PROJECTION, ipv4ServerAddresses) == 164, "RASSIM_PROJECTION is mirrored in Go");

DWORD WINAPI RasSimVersion(DWORD *magic, DWORD *version);
DWORD WINAPI RasSimReset(DWORD profile);
DWORD WINAPI RasSimDial(const RASSIM_CONN *conn, HANDLE *hrasconn);
DWORD WINAPI RasSimAdd(const RASSIM_CONN *conn, HANDLE *hrasconn);
DWORD WINAPI RasSimSetState(HANDLE hrasconn, DWORD state);
DWORD WINAPI RasSimConnect(HANDLE hrasconn);
DWORD WINAPI RasSimDrop(HANDLE hrasconn, DWORD error);
DWORD WINAPI RasSimAddLink(HANDLE hrasconn);
DWORD WINAPI RasSimRemoveLink(HANDLE hrasconn);
DWORD WINAPI RasSimSubEntryHandle(HANDLE hrasconn, DWORD subentry, HANDLE *out);
DWORD WINAPI RasSimSetLinger(DWORD microseconds);
DWORD WINAPI RasSimSetFiresOnce(DWORD on);
DWORD WINAPI RasSimSetServiceCost(DWORD microseconds);
DWORD WINAPI RasSimAppearBetweenProbeAndFill(DWORD n);
DWORD WINAPI RasSimFailNth(DWORD func, DWORD n, DWORD code);
DWORD WINAPI RasSimFailAlways(DWORD func, DWORD code);
DWORD WINAPI RasSimClearFaults(void);
DWORD WINAPI RasSimCalls(DWORD func, DWORD *calls);
DWORD WINAPI RasSimResetCalls(void);
DWORD WINAPI RasSimConnections(HANDLE *handles, DWORD *count);
DWORD WINAPI RasSimRegistrations(DWORD *count);
DWORD WINAPI RasSimHoldLock(void);
DWORD WINAPI RasSimReuseHandle(HANDLE hrasconn);
DWORD WINAPI RasSimSetGoneCode(DWORD code);
DWORD WINAPI RasSimSetLie(DWORD func, DWORD kind, DWORD value);
DWORD WINAPI RasSimSetNotifyDelay(DWORD microseconds);
DWORD WINAPI RasSimSetRegistrationPerCall(DWORD on);
DWORD WINAPI RasSimSignals(DWORD *count, DWORD *thread);
DWORD WINAPI RasSimSetStats(HANDLE hrasconn, DWORD subentry, const RASSIM_STATS *stats);
DWORD WINAPI RasSimSetProjection(HANDLE hrasconn, const RASSIM_PROJECTION *projection);
DWORD WINAPI RasSimAddEntry(const RASSIM_ENTRY *entry);
DWORD WINAPI RasSimRemoveEntry(const WCHAR *phonebook, const WCHAR *name);
DWORD WINAPI RasSimEntry(DWORD index, RASSIM_ENTRY *entry);
DWORD WINAPI RasSimOpenHandles(DWORD *count);
DWORD WINAPI RasSimDialsRunning(DWORD *count);
DWORD WINAPI RasSimDeliverLate(void);
DWORD WINAPI RasSimLastSecret(DWORD func, ULONG_PTR *address, DWORD *size);

/* ---- The simulated RAS service, in a named file mapping -------------------------------- */

#define SIM_SLOT_BITS 11
#define SIM_MAX_SLOTS (1u << SIM_SLOT_BITS) /* connections and sub-entry handles */
#define SIM_MAX_SEQ ((0xFFFFFFFFu >> SIM_SLOT_BITS) - 1u)
/* A handle value: its sequence number, and the number's low bits again so that values do not all
 * end in zeros. The low bits pick the handle's bucket in SIM_SHARED.buckets. */
#define SIM_HANDLE(seq) (((seq) << SIM_SLOT_BITS) | ((seq) & (SIM_MAX_SLOTS - 1u)))
#define SIM_MAX_REGS 1024u
#define SIM_ALL_CONNECTIONS 0xFFFFFFFFu     /* a registration for INVALID_HANDLE_VALUE */

/* slot flags */
#define SLOT_LISTED 0x1u     /* connected: RasEnumConnections lists it */
#define SLOT_ENDED 0x2u      /* disconnected (dropped or hung up); the disconnection has fired */
#define SLOT_HUNG_UP 0x4u    /* RasHangUp was called on this handle */
#define SLOT_SUBENTRY 0x8u   /* a sub-entry handle (RasGetSubEntryHandle) */
#define SLOT_DIALLING 0x10u  /* a RasDialW is under way: it sets the state, step by step */
#define SLOT_HANG_UP_PENDING 0x20u /* RasHangUp from the dial's own callback: done when it returns */
#define SLOT_LINK_GONE 0x40u /* a sub-entry handle whose link went down: the link's next connection gets a new one */

/* Everything here is made of fixed-size types so that 32- and 64-bit processes could share it. */
typedef struct {
    DWORD hconn;         /* the HRASCONN value; 0: a free slot */
    DWORD flags;         /* SLOT_* */
    DWORD state;         /* RASCONNSTATE, any value */
    DWORD error;         /* RASCONNSTATUS.dwError */
    DWORD parent;        /* a sub-entry handle's connection */
    DWORD subentry;      /* a sub-entry handle's index */
    DWORD links;         /* the connection's sub-entries (links), connected or not: 1 until AddLink */
    DWORD chain;         /* the next slot in this handle's bucket, plus one; 0: the last */
    DWORD refs;          /* RasHangUp calls it takes to end: each RasDialW of a connected entry adds one */
    DWORD dial;          /* the id of the RasDialW that drives it (SLOT_DIALLING), or of the last one */
    DWORD callback_thread; /* the dial's thread while it calls back: a RasHangUp from there waits for the return */
    DWORD dial_thread;   /* the thread driving the dial: one that is gone no longer dials */
    DWORD link_up;       /* bit i-1: link i is connected (or hanging up, until its sub-entry's gone_at) */
    DWORD link_pad;      /* keeps the LONGLONGs after it 8-aligned on both architectures */
    LONGLONG gone_at;    /* QPC ticks: a hung-up connection's handle is invalid from then on, a hung-up
                          * link is down */
    LONGLONG connected_at;
    LONGLONG stats_at;   /* QPC ticks: when stats was set */
    RASSIM_STATS stats;  /* dwSize 0: never set. A link's are its sub-entry handle's. */
    RASSIM_PROJECTION projection; /* zeros: not projected */
    RASSIM_CONN conn;    /* szEntryName already holds what RasEnumConnections lists */
} SIM_SLOT;

typedef struct {
    DWORD flags;         /* RASCN_*; 0: a free registration */
    DWORD hconn;         /* the connection, or SIM_ALL_CONNECTIONS */
    DWORD pid;           /* the registering process */
    DWORD id;
    ULONGLONG created;   /* that process's creation time, against pid reuse */
    ULONGLONG event;     /* the simulator's duplicate of the event, a handle in process pid */
    ULONGLONG caller_event; /* the caller's handle value, to merge repeated registrations */
    LONGLONG due;        /* QPC ticks: a late signal is on its way until then (RasSimSetNotifyDelay) */
} SIM_REG;

typedef struct {
    volatile LONG calls;
    volatile LONG fail_nth;    /* the call that fails, counted down; 0: none */
    volatile LONG nth_code;
    volatile LONG always_code; /* 0: none */
    volatile LONG lies;        /* RASSIM_LIE_* */
    volatile LONG lie_needed;
    volatile LONG lie_count;
} SIM_FUNC;

typedef struct {
    volatile LONG init;        /* 0 fresh, 1 being initialised, 2 ready */
    DWORD magic;
    DWORD version;
    DWORD size;
    volatile LONG lock;        /* the owning thread's id, or 0 */
    DWORD profile;
    DWORD linger_us;
    DWORD fires_once;
    volatile LONG service_cost_us;
    DWORD appear;              /* connections to add after the next 603 of RasEnumConnections */
    DWORD appeared;            /* how many were added so far (names them) */
    DWORD next_seq;            /* the last sequence number issued (SIM_HANDLE) */
    DWORD next_reg_id;
    DWORD alloc_cursor;
    DWORD nlisted;
    DWORD gone_code;           /* what most RAS calls answer for an unknown handle */
    DWORD reuse;               /* the value the next RasSimDial/RasSimAdd/RasDialW takes; 0: a new one */
    DWORD reg_per_call;        /* each RasConnectionNotification call is a registration of its own */
    DWORD notify_delay_us;
    volatile LONG epoch;       /* bumped by a reset: late signals of an older epoch are dropped */
    volatile LONG signals;     /* registrations signalled since the last reset */
    volatile LONG signal_thread; /* the thread that signalled last */
    DWORD next_dial;           /* the last RasDialW id issued */
    DWORD next_correlation;    /* numbers the correlation IDs of dialled connections */
    DWORD nentries;
    DWORD reserved;
    DWORD listed[SIM_MAX_SLOTS]; /* slot indices, in the order they connected */
    DWORD buckets[SIM_MAX_SLOTS]; /* per SIM_HANDLE low bits: the first slot of the chain, plus one */
    SIM_FUNC funcs[RASSIM_NFUNCS];
    SIM_REG regs[SIM_MAX_REGS];
    SIM_SLOT slots[SIM_MAX_SLOTS];
    RASSIM_ENTRY entries[RASSIM_MAX_ENTRIES]; /* the phone books, in the order added */
} SIM_SHARED;

/* The same layout for 32- and 64-bit processes, which could share one service. */
_Static_assert(sizeof(SIM_SLOT) == 2328, "SIM_SLOT");
_Static_assert(sizeof(SIM_REG) == 48, "SIM_REG");
_Static_assert(offsetof(SIM_SHARED, regs) == 16856, "SIM_SHARED");
_Static_assert(offsetof(SIM_SHARED, slots) == 66008, "SIM_SHARED");
_Static_assert(offsetof(SIM_SHARED, entries) == 4833752, "SIM_SHARED");
_Static_assert(sizeof(SIM_SHARED) == 5037784, "SIM_SHARED");

/* Events to signal once the lock is released. */
typedef struct {
    DWORD pid;
    DWORD id;
    ULONGLONG created;
    ULONGLONG event;
    BOOL last;           /* fires-once: the registration is gone; close the duplicate */
} SIM_TARGET;

typedef struct {
    SIM_TARGET *t;
    DWORD n;
    DWORD epoch;
    LONGLONG due;        /* 0: signal now; else QPC ticks, from a thread of the simulator's own */
    LONGLONG at;         /* 0: the change is now; else QPC ticks, when it happens (a link's hang-up) */
} SIM_FIRE;

/* shared.c */
SIM_SHARED *sim_shared(void);
void sim_lock(SIM_SHARED *s);
void sim_unlock(SIM_SHARED *s);
LONGLONG sim_now(void);
LONGLONG sim_ticks(DWORD microseconds);
ULONGLONG sim_ms(LONGLONG ticks);
DWORD sim_enter(DWORD func, SIM_SHARED **out);
SIM_SLOT *sim_find(SIM_SHARED *s, ULONG_PTR h);
DWORD sim_handle_value(HANDLE h);
BOOL sim_issued(SIM_SHARED *s, DWORD h);
BOOL sim_thread_gone(DWORD thread);
SIM_SLOT *sim_alloc(SIM_SHARED *s, DWORD h);
void sim_free_slot(SIM_SHARED *s, SIM_SLOT *sl);
void sim_list(SIM_SHARED *s, SIM_SLOT *sl);
void sim_unlist(SIM_SHARED *s, SIM_SLOT *sl);
void sim_collect(SIM_SHARED *s, SIM_FIRE *f, DWORD hconn, DWORD kind);
void sim_fire(SIM_SHARED *s, SIM_FIRE *f);
DWORD sim_register(SIM_SHARED *s, DWORD hconn, HANDLE event, DWORD flags);
DWORD sim_registrations(SIM_SHARED *s);
void sim_forget_handle(SIM_SHARED *s, DWORD h);
BOOL sim_signal(SIM_SHARED *s, HANDLE ev);
DWORD sim_leave(SIM_SHARED *s, DWORD func, DWORD rc, DWORD *lpcb, DWORD *count, DWORD holds);
BOOL sim_lie_allowed(DWORD func, DWORD kind);
void sim_reset(SIM_SHARED *s, DWORD profile);

/* late.c: late signals, from a thread of the simulator's own */
BOOL sim_defer(SIM_SHARED *s, HANDLE event, DWORD epoch, LONGLONG due);

/* service.c: the state machine, used by the RAS calls and the control surface */
DWORD svc_dial(SIM_SHARED *s, const RASSIM_CONN *c, DWORD reuse, DWORD *h);
DWORD svc_connect(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f);
void svc_end(SIM_SHARED *s, SIM_SLOT *sl, DWORD error, SIM_FIRE *f);
DWORD svc_hang_up(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f);
DWORD svc_sub_entry(SIM_SHARED *s, SIM_SLOT *sl, DWORD i, BOOL connected_only, DWORD *out);
BOOL svc_link_up(SIM_SHARED *s, SIM_SLOT *sl, DWORD i);
DWORD svc_add_link(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f);
DWORD svc_remove_link(SIM_SHARED *s, SIM_SLOT *sl, SIM_FIRE *f);
SIM_SLOT *svc_find_sub_entry(SIM_SHARED *s, const SIM_SLOT *sl, DWORD i);
BOOL svc_status_size_ok(SIM_SHARED *s, DWORD size, BOOL ansi);
BOOL svc_conn_size_ok(SIM_SHARED *s, DWORD size, BOOL ansi);
BOOL svc_dial_params_size_ok(SIM_SHARED *s, DWORD size);
BOOL svc_dial_extensions_size_ok(SIM_SHARED *s, DWORD size);
DWORD svc_newest_conn_size(SIM_SHARED *s, BOOL ansi);

/* What RasGetConnectStatus reports, before it is written in the caller's layout. */
typedef struct {
    DWORD state;
    DWORD error;
    DWORD substate;
    const RASSIM_CONN *conn;
} SIM_STATUS;
void svc_status(SIM_SHARED *s, SIM_SLOT *sl, SIM_STATUS *st);

/* phonebook.c: the entries, under the lock */
const RASSIM_ENTRY *pbk_find(SIM_SHARED *s, const WCHAR *phonebook, const WCHAR *name);
BOOL sim_same_text(const WCHAR *a, const WCHAR *b);

/* errors.c */
const WCHAR *sim_error_text(DWORD code);

/* strings */
void sim_w2a(CHAR *dst, size_t dstlen, const WCHAR *src, size_t srclen);
void sim_unterminate(WCHAR *field, size_t n);

/* Where a field ends: the padding after it, if any, starts there. */
#define SIM_END(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))
void sim_pad(void *dst, DWORD size, size_t from, size_t to);

/* control.c: where the caller kept the secret a RAS call read (RasSimLastSecret), in this process */
void sim_secret_received(DWORD func, const void *p, DWORD size);

#endif
