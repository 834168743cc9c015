package rassim

import "embed"

// Sources holds the simulator's C sources (the dll folder: the .c and .h files and
// rasapi32.def), so that cmd/raswine builds the DLL from them wherever this module is, a
// read-only module cache included.
//
//go:embed dll
var Sources embed.FS
