//go:build cgo

package ras_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

var stressFor = flag.Duration("stress", 3*time.Second, "how long TestStress churns connections")

// churn makes connections come and go at random, as users and remote ends do, and remembers
// every handle it made.
type churn struct {
	mu      sync.Mutex
	made    map[ras.Handle]bool
	live    []ras.Handle
	changes int
}

func (c *churn) step(t *testing.T, rng *rand.Rand) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.live) < 4 || (len(c.live) < 40 && rng.IntN(2) == 0) {
		h, err := rassim.Add(rassim.Conn{Entry: fmt.Sprintf("VPN %d", len(c.made)), DeviceType: "vpn"})
		require.NoError(t, err)
		c.made[h] = true
		c.live = append(c.live, h)
	} else {
		i := rng.IntN(len(c.live))
		// The remote end drops it; the goroutines below hang it up, as an application would.
		require.NoError(t, rassim.Drop(c.live[i], 628))
		c.live = slices.Delete(c.live, i, i+1)
	}
	c.changes++
}

// allowed is what a call may fail with while other goroutines hang connections up.
func allowed(err error) bool {
	return err == nil || errors.Is(err, ras.ErrConnectionGone)
}

// replay checks one watcher's events against the handles the churn made: each handle connects
// once, then may disconnect once, and nothing else. It returns the handles it ends connected.
func replay(t *testing.T, events []ras.Event, made map[ras.Handle]bool) map[ras.Handle]bool {
	t.Helper()
	up := map[ras.Handle]bool{}
	seen := map[ras.Handle]int{}
	for _, e := range events {
		h := e.Conn.Handle
		require.True(t, made[h], "event for a handle that never existed: %v", e)
		seen[h]++
		switch e.Op {
		case ras.OpConnected:
			require.Equal(t, 1, seen[h], "connected twice, or after its disconnection: %v", e)
			up[h] = true
		case ras.OpDisconnected:
			require.True(t, up[h], "disconnection without its connection: %v", e)
			delete(up, h)
		default:
			t.Fatalf("unknown event %v", e)
		}
	}
	return up
}

func TestStress(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(2*time.Millisecond))
	c := &churn{made: map[ras.Handle]bool{}}

	type watched struct {
		w      *ras.Watcher
		mu     sync.Mutex
		events []ras.Event
		done   chan struct{}
	}
	var watchers []*watched
	for _, recheck := range []time.Duration{time.Hour, 50 * time.Millisecond, 5 * time.Millisecond} {
		w, err := ras.NewWatcherRecheck(recheck)
		require.NoError(t, err)
		ww := &watched{w: w, done: make(chan struct{})}
		go func() {
			defer close(ww.done)
			for e := range w.Events {
				ww.mu.Lock()
				ww.events = append(ww.events, e)
				ww.mu.Unlock()
			}
		}()
		go func() {
			for err := range w.Errors {
				// A notice, not a failure: with a 5 ms re-check, a notification that the loaded
				// machine delivers more than 5 ms late reads as a quiet registration.
				if errors.Is(err, ras.ErrNotifyMissed) {
					t.Logf("watcher notice: %v", err)
					continue
				}
				t.Errorf("watcher error: %v", err)
			}
		}()
		watchers = append(watchers, ww)
	}

	ctx, stop := context.WithTimeout(context.Background(), *stressFor)
	defer stop()
	var calls, hangUps atomic.Int64
	var wg sync.WaitGroup
	worker := func(work func(rng *rand.Rand)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(rand.Uint64(), 1))
			for ctx.Err() == nil {
				work(rng)
			}
		}()
	}
	worker(func(rng *rand.Rand) {
		c.step(t, rng)
		time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
	})
	for range 2 {
		worker(func(*rand.Rand) {
			_, err := ras.Connections()
			calls.Add(1)
			assert.NoError(t, err)
		})
	}
	for range 2 {
		worker(func(rng *rand.Rand) {
			conns, err := ras.Connections()
			calls.Add(1)
			if !assert.NoError(t, err) || len(conns) == 0 {
				return
			}
			_, err = ras.Status(conns[rng.IntN(len(conns))].Handle)
			calls.Add(1)
			assert.True(t, allowed(err), "Status: %v", err)
		})
	}
	// Hang up what the remote ends dropped (the simulator keeps the handles of dropped
	// connections until then), racing each other for the same handles.
	for range 2 {
		worker(func(rng *rand.Rand) {
			c.mu.Lock()
			var dropped []ras.Handle
			for h := range c.made {
				if !slices.Contains(c.live, h) {
					dropped = append(dropped, h)
				}
			}
			c.mu.Unlock()
			if len(dropped) == 0 {
				time.Sleep(time.Millisecond)
				return
			}
			h := dropped[rng.IntN(len(dropped))]
			hctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			err := ras.HangUp(hctx, h)
			cancel()
			hangUps.Add(1)
			assert.True(t, allowed(err), "HangUp(%v): %v", h, err)
		})
	}
	wg.Wait()

	want, err := rassim.Connections()
	require.NoError(t, err)
	wantUp := map[ras.Handle]bool{}
	for _, h := range want {
		wantUp[h] = true
	}
	total := 0
	for i, ww := range watchers {
		// The last change has been signalled; give the loop time to list and deliver it.
		require.Eventually(t, func() bool {
			ww.mu.Lock()
			defer ww.mu.Unlock()
			up := map[ras.Handle]bool{}
			for _, e := range ww.events {
				if e.Op == ras.OpConnected {
					up[e.Conn.Handle] = true
				} else {
					delete(up, e.Conn.Handle)
				}
			}
			return fmt.Sprint(up) == fmt.Sprint(wantUp)
		}, 10*time.Second, 10*time.Millisecond, "watcher %d never reached the simulator's final list", i)
		require.NoError(t, ww.w.Close())
		<-ww.done
		assert.Equal(t, wantUp, replay(t, ww.events, c.made), "watcher %d", i)
		total += len(ww.events)
	}
	t.Logf("%d changes over %v: %d connections made, %d listing and status calls, %d hang-ups, %d watcher events checked",
		c.changes, *stressFor, len(c.made), calls.Load(), hangUps.Load(), total)
}
