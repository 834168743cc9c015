# Build and test winras for Windows from Debian: mingw-w64 cross-compiles, Wine runs the tests.
#
#   make -f mingw.mk demo    the scripted rasctl story, under Wine, against the simulator
#   make -f mingw.mk test    every test: native, then under Wine for windows/amd64 (builtin rasapi32,
#                            simulator, -race) and windows/386 (builtin rasapi32, simulator)
#   make -f mingw.mk bench   the benchmark table (see bench/README.md)
#
# Each target installs what a fresh Debian machine lacks (wine/deps.sh; test also 32-bit Wine) and
# creates the project's own Wine prefix under build/ once (wine/prefix.sh); later runs reuse both.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(ROOT)/build
PREFIX := $(BUILD)/wineprefix

export WINEPREFIX := $(PREFIX)
export WINEDEBUG := -all
export WINEDLLOVERRIDES := mscoree,mshtml=

CC64 := x86_64-w64-mingw32-gcc
CC32 := i686-w64-mingw32-gcc
CFLAGS_DLL := -O2 -Wall -Wextra -Werror -shared -static-libgcc
# -Wl,--kill-at: 386 stdcall exports by their plain names, as Windows' own DLLs have them
# (--enable-stdcall-fixup: the .def names them so; ld need not warn about each).
CFLAGS_DLL32 := $(CFLAGS_DLL) -Wl,--kill-at -Wl,--enable-stdcall-fixup
WIN64 := GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$(CC64)
WIN32 := GOOS=windows GOARCH=386 CGO_ENABLED=1 CC=$(CC32)
EXEC := -exec $(ROOT)/wine/exec.sh
SIM64 := $(BUILD)/amd64/rasapi32.dll
SIM32 := $(BUILD)/386/rasapi32.dll
# The simulator as a Windows older than 7, which lacks RasGetProjectionInfoEx: beside each one,
# in vista/, where wine/exec.sh finds it for the tests of the fallback.
SIMV64 := $(BUILD)/amd64/vista/rasapi32.dll
SIMV32 := $(BUILD)/386/vista/rasapi32.dll
SIM_SRC := $(wildcard $(ROOT)/rassim/dll/*.c $(ROOT)/rassim/dll/*.h) $(ROOT)/rassim/dll/rasapi32.def
SHIM_SRC := $(ROOT)/wine/bcryptprimitives.c $(ROOT)/wine/bcryptprimitives.def
SHIM64 := $(BUILD)/amd64/bcryptprimitives.dll
SHIM32 := $(BUILD)/386/bcryptprimitives.dll
# package:target pairs fuzzed briefly by test; go test replays their seed corpora in every run.
FUZZ := internal/wide:FuzzUTF8 .:FuzzEndpoint cmd/rasctl:FuzzParseTarget cmd/rasctl:FuzzGUIDString
FUZZTIME := 5s
# "Elsewhere it compiles": vetted without cgo on one platform of each kind of build (Unix, Plan 9,
# wasm, and Windows built without cgo), the 32- and 64-bit ones among them.
PLATFORMS := linux/amd64 linux/386 darwin/arm64 freebsd/amd64 solaris/amd64 aix/ppc64 plan9/386 \
	js/wasm wasip1/wasm windows/amd64 windows/arm64

.PHONY: deps deps32 prefix sim build test test-steps demo bench wine-up wine-down

deps:
	@$(ROOT)/wine/deps.sh

deps32:
	@$(ROOT)/wine/deps.sh --wine32

prefix: deps $(SHIM64) $(SHIM32)
	@$(ROOT)/wine/prefix.sh $(PREFIX) $(SHIM64) $(SHIM32)

$(SHIM64): $(SHIM_SRC)
	@mkdir -p $(@D)
	$(CC64) $(CFLAGS_DLL) -o $@ $^ -lbcrypt

$(SHIM32): $(SHIM_SRC)
	@mkdir -p $(@D)
	$(CC32) $(CFLAGS_DLL32) -o $@ $^ -lbcrypt

sim: deps $(SIM64) $(SIM32) $(SIMV64) $(SIMV32)

$(SIM64): $(SIM_SRC)
	@mkdir -p $(@D)
	$(CC64) $(CFLAGS_DLL) -o $@ $(filter %.c %.def,$^)

$(SIM32): $(SIM_SRC)
	@mkdir -p $(@D)
	$(CC32) $(CFLAGS_DLL32) -o $@ $(filter %.c %.def,$^)

# A Windows without the export, not one whose export fails: the DLL is built without it.
NO_EX_DEF = grep -v '^ *RasGetProjectionInfoEx *$$' $(ROOT)/rassim/dll/rasapi32.def >$(@D)/rasapi32.def

$(SIMV64): $(SIM_SRC)
	@mkdir -p $(@D)
	$(NO_EX_DEF)
	$(CC64) $(CFLAGS_DLL) -DRASSIM_NO_PROJECTION_EX -o $@ $(filter %.c,$^) $(@D)/rasapi32.def

$(SIMV32): $(SIM_SRC)
	@mkdir -p $(@D)
	$(NO_EX_DEF)
	$(CC32) $(CFLAGS_DLL32) -DRASSIM_NO_PROJECTION_EX -o $@ $(filter %.c,$^) $(@D)/rasapi32.def

build: deps sim
	cd $(ROOT) && $(WIN64) go build ./...
	cd $(ROOT) && $(WIN32) go build ./...

# Wine's helper processes inherit the stdout of whichever program starts the server, and go test
# then waits on them ("Test I/O incomplete"): start the server and its services first, detached.
# wineserver -p fails when a server is already up, which is as good.
wine-up: prefix
	-wineserver -p </dev/null >/dev/null 2>&1
	timeout 120 wine cmd /c exit </dev/null >/dev/null 2>&1

# wineserver -k returns before the server is gone, and a dying server kills whatever connects to
# it (SIGKILL): wait, so that the next target starts with no server or a fresh one.
wine-down:
	-wineserver -k 2>/dev/null
	-wineserver -w

# deps32 before prefix: a prefix made without 32-bit Wine cannot run the windows/386 tests.
test: deps deps32 prefix sim
	@status=0; $(MAKE) -f $(ROOT)/mingw.mk --no-print-directory test-steps || status=$$?; \
	$(MAKE) -f $(ROOT)/mingw.mk --no-print-directory wine-down; exit $$status

test-steps: wine-up
	@echo "== native (linux): vet and tests"
	cd $(ROOT) && go vet ./... && CGO_ENABLED=1 go test ./...
	@echo "== native fuzzing, $(FUZZTIME) a target"
	cd $(ROOT) && for f in $(FUZZ); do CGO_ENABLED=1 go test -run '^$$' -fuzz "^$${f#*:}$$" -fuzztime $(FUZZTIME) "./$${f%%:*}" || exit 1; done
	@echo "== every platform the package promises to compile on, without cgo: vet"
	cd $(ROOT) && for p in $(PLATFORMS); do GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 go vet ./... || { echo "vet fails on $$p"; exit 1; }; done
	@echo "== windows/amd64 and windows/386: vet and build (386 checks the shim's layout asserts)"
	cd $(ROOT) && $(WIN64) go vet ./... && $(WIN32) go vet ./... && $(WIN32) go build ./...
	@echo "== windows/amd64 under Wine, built without cgo: the error says how to build"
	cd $(ROOT) && GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test $(EXEC) -run 'NotSupported' .
	@echo "== windows/amd64 under Wine, Wine's builtin rasapi32"
	cd $(ROOT) && $(WIN64) go test $(EXEC) ./...
	@echo "== windows/amd64 under Wine, the simulator"
	cd $(ROOT) && $(WIN64) WINRAS_SIM=$(SIM64) go test $(EXEC) ./...
	@echo "== windows/amd64 under Wine, the simulator, -race"
	cd $(ROOT) && $(WIN64) WINRAS_SIM=$(SIM64) go test -race $(EXEC) ./...
	@echo "== windows/386 under Wine, Wine's builtin rasapi32"
	cd $(ROOT) && $(WIN32) go test $(EXEC) ./...
	@echo "== windows/386 under Wine, the simulator"
	cd $(ROOT) && $(WIN32) WINRAS_SIM=$(SIM32) go test $(EXEC) ./...

demo: deps prefix sim
	@echo "building rasctl.exe and rassimctl.exe (windows/amd64) into $(BUILD)/amd64"
	@cd $(ROOT) && $(WIN64) go build -o $(BUILD)/amd64/ ./cmd/rasctl ./cmd/rassimctl
	@$(ROOT)/demo/story.sh $(BUILD)/amd64

bench: deps prefix sim
	@out=$(BUILD)/bench.md; log=$(BUILD)/bench.log; rm -f $$out; status=0; \
	echo "benchmarking under Wine against the simulator (a few minutes; log: $$log)" >&2; \
	( $(MAKE) -f $(ROOT)/mingw.mk --no-print-directory wine-up && cd $(ROOT) && \
	  $(WIN64) WINRAS_SIM=$(SIM64) WINRAS_BENCH_TABLE=$$out \
	  go test $(EXEC) -count=1 -run '^TestTable$$' -benchtime=200ms -timeout=20m ./bench ) >$$log 2>&1 || status=$$?; \
	$(MAKE) -s -f $(ROOT)/mingw.mk --no-print-directory wine-down; \
	if [ $$status -ne 0 ] || [ ! -s $$out ]; then cat $$log >&2; exit 1; fi; \
	cat $$out
