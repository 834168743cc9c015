// Package bench measures winras against what a Go program would do without it (the peer, pure
// Go over golang.org/x/sys/windows) and against the floor (the DLL called from a C loop), under
// Wine against the rasapi32 simulator. It holds no API: the peer and the floor are here, the
// benchmarks and the table generator are its Windows tests; see README.md.
package bench
