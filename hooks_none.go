//go:build windows && cgo && !winras_testhooks

package ras

// wiped is where the library has cleared its Go copy of the secret what; a test build (the
// winras_testhooks tag, hooks_testhooks.go) records what the copy holds then. Here it is nothing.
func wiped(what string, units []uint16) {}
