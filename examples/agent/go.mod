module example.com/agent

go 1.23.0

require (
	github.com/stretchr/testify v1.12.1
	github.com/winras/ras v0.1.0
)

require (
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/sys v0.35.0 // indirect
)

// This module stands for one that depends on winras: its tests run the commands rassim/README.md
// gives, from this tree here, and from a read-only module cache in make -f mingw.mk test.
replace github.com/winras/ras => ../..
