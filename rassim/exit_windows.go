//go:build windows

package rassim

import "github.com/winras/ras/internal/procexit"

// Exit ends a program or test binary that runs under Wine (TestMain: rassim.Exit(m.Run())) with
// code, in the one way Wine 8 cannot turn into a SIGKILL, and first delivers the late
// notifications of its changes (DeliverLate) when the loaded rasapi32.dll is the simulator.
//
// os.Exit calls ExitProcess, which under Wine 8 hangs now and then when another thread of the
// process is ending at that moment (a thread of RAS's, say, that has just called back a dial's
// notifier, or the thread that delivered a Ctrl-C), and the Wine server then kills the process
// with SIGKILL, whatever status it meant to return: a test binary that dialled or hung up last
// fails with "signal: killed". Exit ends the process by TerminateProcess on itself instead, which
// takes no lock. It skips DLL_PROCESS_DETACH and Go's exit hooks: call it once the program's work
// is done. The module's wine/README.md tells the whole story.
func Exit(code int) {
	if Available() {
		DeliverLate()
	}
	procexit.Exit(code)
}
