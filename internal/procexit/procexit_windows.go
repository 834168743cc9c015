//go:build cgo

package procexit

/*
#include <windows.h>
#include <tlhelp32.h>

// procexit_watchdog ends the process if parking the other threads has not ended it in time: a
// thread parked while it held a lock the parking needs (the heap's, in a snapshot) would
// otherwise hang the exit, which is worse than the race parking guards against.
static DWORD WINAPI procexit_watchdog(LPVOID arg) {
	HANDLE started = ((HANDLE *)arg)[0];
	UINT code = (UINT)(UINT_PTR)((HANDLE *)arg)[1];
	SetEvent(started);
	Sleep(2000);
	TerminateProcess(GetCurrentProcess(), code);
	return 0;
}

// procexit_park_others suspends every thread of the process but the caller and skip, and waits
// until each is stopped: GetThreadContext of a suspended thread returns under Wine only once the
// thread has taken its suspend signal, which it can only do once it has finished starting. It
// returns how many threads it parked in this pass, so that the caller can pass again for
// threads started meanwhile.
static int procexit_park_others(DWORD skip) {
	DWORD self = GetCurrentThreadId(), pid = GetCurrentProcessId();
	HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
	if (snap == INVALID_HANDLE_VALUE)
		return 0;
	int parked = 0;
	THREADENTRY32 te;
	te.dwSize = sizeof te;
	for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te)) {
		if (te.th32OwnerProcessID != pid || te.th32ThreadID == self || te.th32ThreadID == skip)
			continue;
		HANDLE t = OpenThread(THREAD_SUSPEND_RESUME | THREAD_GET_CONTEXT, FALSE, te.th32ThreadID);
		if (t == NULL)
			continue;
		// A thread parked in an earlier pass is suspended already: count only new ones.
		DWORD before = SuspendThread(t);
		if (before == 0) {
			CONTEXT c;
			c.ContextFlags = CONTEXT_CONTROL;
			GetThreadContext(t, &c);
			parked++;
		}
		CloseHandle(t);
	}
	CloseHandle(snap);
	return parked;
}

static void procexit_end(UINT code) {
	HANDLE arg[2] = {CreateEventW(NULL, TRUE, FALSE, NULL), (HANDLE)(UINT_PTR)code};
	DWORD watchdog = 0;
	if (arg[0] != NULL) {
		HANDLE t = CreateThread(NULL, 0, procexit_watchdog, arg, 0, &watchdog);
		if (t != NULL) {
			WaitForSingleObject(arg[0], INFINITE);
			CloseHandle(t);
		}
	}
	for (int pass = 0; pass < 8 && procexit_park_others(watchdog) > 0; pass++)
		;
	TerminateProcess(GetCurrentProcess(), code);
}
*/
import "C"

import "os"

// Exit ends the process with code: it parks every other thread, then calls TerminateProcess on
// itself.
//
// Parking is for 32-bit Wine: TerminateProcess has the Wine server send SIGQUIT to every other
// thread, and a thread that Go (or a DLL) has just created, and that has not yet set up its
// signal stack, dies of that signal, taking the process with it (status 139 instead of code). A
// suspended thread has finished starting once Wine reports its context, so after parking every
// thread takes SIGQUIT where it can. Parking happens in C, in one call, because a parked Go
// thread may hold a lock of Go's runtime that Go code on this thread could need.
func Exit(code int) {
	C.procexit_end(C.UINT(uint32(code)))
	// Only a TerminateProcess that failed returns.
	os.Exit(code)
}
