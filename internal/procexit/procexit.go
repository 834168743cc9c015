// Package procexit ends the programs of this module (rasctl, rassimctl, ras_exporter, the test
// binaries and the helper processes they start) in the one way that cannot hang under Wine.
//
// Go's os.Exit calls ExitProcess. Under Wine 8, ExitProcess first has the Wine server stop every
// other thread with SIGQUIT, then runs glibc's exit, which takes the dynamic loader's lock. A
// thread that was itself ending at that moment (a console Ctrl-C thread, a thread a DLL started to
// call back, such as RAS's dial notifier) may be in glibc's pthread_exit, loading libgcc_s with
// that lock held; SIGQUIT makes it exit again from inside, and it dies holding the lock. The
// exiting thread then waits for the lock for ever, and the Wine server SIGKILLs the process about
// half a second later: exit status 137, whatever the program meant to return. No wait inside the
// program can rule this out, since Windows signals a thread's handle before Wine has finished
// ending the thread. wine/README.md has the whole story.
//
// TerminateProcess on the current process goes from the Wine server straight to _exit, with no
// lock to take, so the status is always the program's. It skips what ExitProcess does besides
// (DLL_PROCESS_DETACH, Go's exit hooks), so a program calls Exit only once its own work is done:
// its output written (os.Stdout and os.Stderr are not buffered), its dials returned (Dial returns
// only once no callback of its dial can still run), its hang-ups waited for.
//
// Before it terminates, Exit parks every other thread (suspends it and waits until Wine reports
// its context), so that no thread is still starting when the server signals it to end: on 32-bit
// Wine such a thread dies of that signal and takes the process with it (status 139).
package procexit
