// Package notifyreg tells package ras that the RAS service its notification registrations were
// made with has been replaced, so that its next Watcher registers again. Windows' service lasts
// as long as the machine; the simulator's Reset (package rassim) makes a new one, which holds
// none of the registrations the old one held.
package notifyreg

import "sync/atomic"

var generation atomic.Uint64

// Forget says that every registration made so far is gone.
func Forget() { generation.Add(1) }

// Generation counts the calls of Forget: a registration made at an older generation is gone.
func Generation() uint64 { return generation.Load() }
