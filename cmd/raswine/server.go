//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// linger is how long the Wine server stays up after its last program ends: long enough to carry
// it from one test binary to the next, so that a dying server (which SIGKILLs whoever connects to
// it meanwhile) is met rarely, and stop ends it at once.
const linger = "-p60"

// startServer starts the prefix's Wine server when none is running, and Wine's services with it,
// detached from raswine's standard streams, before any program of the caller's connects: the
// services outlive the program that starts them, and go test would wait for them to close its
// output ("Test I/O incomplete"). Test binaries that go test runs at once take turns here, so that
// none of them goes on while another is still starting the services.
func startServer(dir string, env []string) error {
	lock, err := os.OpenFile(filepath.Join(dir, "server.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("locking %s: %v", lock.Name(), err)
	}
	if quiet(env, "wineserver", linger) != nil {
		return nil // one is up, and whoever started it started the services, under this lock
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "wine", "cmd", "/c", "exit")
	cmd.Env = env
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("starting Wine (wine cmd /c exit): %v", err)
	}
	return nil
}

// stopServer ends the prefix's Wine server and waits until it is gone: wineserver -k returns
// before, and the next program would meet the dying one. Both fail when no server is running,
// which is as good.
func stopServer(env []string) {
	_ = quiet(env, "wineserver", "-k")
	_ = quiet(env, "wineserver", "-w")
}

func stop(args []string) error {
	dir, err := oneDir("stop", args)
	if err != nil {
		return err
	}
	stopServer(wineEnv(prefixOf(dir)))
	return nil
}
