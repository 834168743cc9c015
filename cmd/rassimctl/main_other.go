//go:build !windows

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "rassimctl: the simulator is a Windows DLL: build rassimctl for windows and run it there or under Wine")
	os.Exit(1)
}
