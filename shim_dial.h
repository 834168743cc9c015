// RasDialW, asynchronously, as Microsoft documents it: a RasDialFunc2 notifier that is a C WINAPI
// function, which only queues each notification for its dial and sets the dial's event; the dial
// is found by the integer id that RASDIALPARAMSW's dwCallbackId carries, never by a Go pointer.
// The parameters live in C memory from winras_dial to winras_dial_end, which zeroes the password.
#ifndef WINRAS_SHIM_DIAL_H
#define WINRAS_SHIM_DIAL_H

#include <stdint.h>

// Field lengths in WCHARs, terminator included (ras.h, lmcons.h).
#define WINRAS_DIAL_ENTRY_CHARS 257    // RAS_MaxEntryName + 1
#define WINRAS_DIAL_PHONEBOOK_CHARS 260 // MAX_PATH, for the phone book's path
#define WINRAS_DIAL_USER_CHARS 257     // UNLEN + 1
#define WINRAS_DIAL_PASSWORD_CHARS 257 // PWLEN + 1
#define WINRAS_DIAL_DOMAIN_CHARS 16    // DNLEN + 1

// How many notifications of one dial wait for Go; a dial passes a few dozen states at most, and Go
// takes them as they come.
#define WINRAS_DIAL_NOTES 64

// One notification: RasDialFunc2's arguments, and when it came (a FILETIME).
typedef struct winras_dial_note {
	uint64_t handle;
	uint64_t filetime;
	uint32_t state;
	uint32_t error;
	uint32_t ext_error;
	uint32_t subentry;
} winras_dial_note;

// Which call a failed winras_dial is about.
#define WINRAS_CALL_DIAL 1                  // RasDialW
#define WINRAS_CALL_GET_ENTRY_DIAL_PARAMS 2 // RasGetEntryDialParamsW, for the saved credentials

// The outcome of winras_dial: rc is 0 or the code of the call that failed (call says which); id
// names the dial for winras_dial_take and winras_dial_end (0: there is none, nothing to end);
// handle is *lphRasConn as RasDialW left it, which must be hung up even when rc is not 0, as
// Microsoft requires; level is the RASDIALPARAMSW layout used; tried lists the sizes refused.
typedef struct winras_dial_result {
	uint64_t handle;
	uint32_t rc;
	uint32_t call;
	uint32_t id;
	uint32_t level;
	uint32_t tried[4];
	uint32_t ntried;
} winras_dial_result;

// winras_dial starts dialling the entry of phonebook (NULL: the default phone book) with user,
// password and domain (NULL for none), or, when user and password are both NULL, with the
// credentials Windows saved for the entry. Every string is NUL-terminated UTF-16 of at most its
// WINRAS_DIAL_*_CHARS. event is an event handle set whenever a notification is queued.
winras_dial_result winras_dial(const uint16_t *phonebook, const uint16_t *entry, const uint16_t *user,
                               const uint16_t *password, const uint16_t *domain, uintptr_t event);

// winras_dial_take moves up to max of dial id's queued notifications, oldest first, into out and
// returns how many; *lost counts those the full queue dropped since the last call.
uint32_t winras_dial_take(uint32_t id, winras_dial_note *out, uint32_t max, uint32_t *lost);

// winras_dial_end forgets dial id: a notification for it from now on is dropped and tells Windows
// to send no more, and its parameters are zeroed and freed. It returns once no call of the
// notifier is still using the dial: its event is never set again.
void winras_dial_end(uint32_t id);

// winras_dial_calls_running returns how many calls of the notifier are under way (for tests: 0
// once every dial has ended and Windows sends no more).
uint32_t winras_dial_calls_running(void);

// winras_dial_test_pause makes the notifier pause ms milliseconds after it has set a dial's event
// and before it leaves the dial (0: no pause, as outside tests): a test's way to widen the moment
// winras_dial_end must wait through.
void winras_dial_test_pause(uint32_t ms);

// winras_dials returns how many dials are between winras_dial and winras_dial_end.
uint32_t winras_dials(void);

#endif
