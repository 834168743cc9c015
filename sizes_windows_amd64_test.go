package ras_test

// The RASCONNW sizes the shim offers on amd64, newest first (0x600 to 0x400; ras-facts.md).
var rasconnSizes = "1388, 1372, 1360, 1344, 820"
