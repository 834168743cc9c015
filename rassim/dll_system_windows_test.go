//go:build windows && !rassim

package rassim

// programFolder says where this build loads rasapi32.dll from: System32.
const programFolder = false
