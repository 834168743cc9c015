//go:build !windows

package main

import "errors"

// errNotWindows is what the service commands say off Windows.
var errNotWindows = errors.New("the Windows service is only on Windows")

// Off Windows there is no service: the program only runs in a console.
func isService() bool { return false }

func runService(config) error { return errNotWindows }

func installService([]string) error { return errNotWindows }

func uninstallService() error { return errNotWindows }
