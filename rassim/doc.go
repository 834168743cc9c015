// Package rassim drives rassim, a simulator of Windows' rasapi32.dll, so that RAS code can be
// tested under Wine (or on Windows) against connections that a test adds, moves through dialling
// states, drops and hangs up, and against phone-book entries that RasDialW dials through a script
// of states (AddEntry), calling back as Windows may: before RasDialW has returned the handle.
//
// The simulator is a native rasapi32.dll, built from rassim/dll by mingw.mk, that exports the RAS
// functions with the behaviour Microsoft documents (dwSize versioning, the sizing probe,
// hang-up that lingers, notifications shared across processes) and a control surface, the RasSim*
// exports, which this package calls through golang.org/x/sys/windows without cgo. Every process
// that loads it under the same RASSIM_NAMESPACE environment variable shares one simulated RAS
// service, as every process on a Windows machine shares the real one.
//
// The package loads rasapi32.dll as ras does, so that both reach the same DLL: from System32
// only, or, in a program built with the rassim build tag, from the program's own folder only.
// Install the simulator there and tell Wine to prefer it: WINEDLLOVERRIDES="rasapi32=n". See
// README.md for the control surface's C ABI and the exact behaviour of each RAS function.
//
// RunProfile runs a test in a process of its own against another simulated Windows, since ras
// negotiates with Windows once per process.
//
// On other systems than Windows the package is empty.
package rassim
