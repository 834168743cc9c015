//go:build cgo && winras_testhooks

package ras

// What the tests of secret zeroing read back in a test build (hooks_testhooks.go).
var (
	ReleasedSecret = releasedSecret
	WipedCopy      = wipedCopy
	ForgetSecrets  = forgetSecrets
)

const (
	// SecretDialParams names a dial's RASDIALPARAMSW in the shim, for ReleasedSecret.
	SecretDialParams = secretDialParams
	// WipedDialPassword names Dial's UTF-16 copy of the password, for WipedCopy.
	WipedDialPassword = wipedDialPassword
)
