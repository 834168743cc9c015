//go:build windows && !rassim

package rassim

import "golang.org/x/sys/windows"

// rasapi32 is System32's rasapi32.dll and no other, as ras loads it: the control calls must
// reach the DLL that answers ras's RAS calls, and a DLL that the program's folder, the working
// directory or the PATH offers under that name must not stand in for Windows' own. Under Wine,
// the simulator installed as the prefix's system32\rasapi32.dll (with rasapi32=n) is this one.
var rasapi32 = windows.NewLazySystemDLL("rasapi32.dll")
