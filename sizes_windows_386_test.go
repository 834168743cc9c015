package ras_test

// The RASCONNW sizes the shim offers on 386, newest first (0x600 to 0x400; ras-facts.md): every
// one after hrasconn is 4 bytes smaller than on amd64.
var rasconnSizes = "1384, 1368, 1356, 1340, 816"
