# Build and test winras for Windows from Debian: mingw-w64 cross-compiles, Wine runs the tests.
#
#   make -f mingw.mk demo    the scripted rasctl story, under Wine, against the simulator
#   make -f mingw.mk test    every test: native, then under Wine (builtin rasapi32, simulator, -race)
#   make -f mingw.mk bench   the benchmark table (see bench/README.md)
#
# Each target installs what a fresh Debian machine lacks and creates the project's own Wine prefix
# under build/ once; later runs reuse both.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(ROOT)/build
PREFIX := $(BUILD)/wineprefix
READY := $(PREFIX)/.winras-ready

export WINEPREFIX := $(PREFIX)
export WINEDEBUG := -all
export WINEDLLOVERRIDES := mscoree,mshtml=

CC64 := x86_64-w64-mingw32-gcc
CC32 := i686-w64-mingw32-gcc
CFLAGS_DLL := -O2 -Wall -Wextra -Werror -shared -static-libgcc
WIN64 := GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$(CC64)
WIN32 := GOOS=windows GOARCH=386 CGO_ENABLED=1 CC=$(CC32)
EXEC := -exec $(ROOT)/wine/exec.sh
SIM64 := $(BUILD)/amd64/rasapi32.dll
SIM32 := $(BUILD)/386/rasapi32.dll
SIM_SRC := $(wildcard $(ROOT)/rassim/dll/*.c $(ROOT)/rassim/dll/*.h) $(ROOT)/rassim/dll/rasapi32.def
DEB_PKGS := gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 wine wine64
# package:target pairs fuzzed briefly by test; go test replays their seed corpora in every run.
FUZZ := .:FuzzFieldString .:FuzzEndpoint cmd/rasctl:FuzzParseTarget cmd/rasctl:FuzzGUIDString
FUZZTIME := 5s

.PHONY: deps prefix sim build test test-steps demo bench wine-up wine-down

# Wine 8 needs both packages: wine gives /usr/bin/wine, wine64 the 64-bit loader it starts.
deps:
	@missing=""; \
	command -v $(CC64) >/dev/null || missing="$$missing gcc-mingw-w64-x86-64"; \
	command -v $(CC32) >/dev/null || missing="$$missing gcc-mingw-w64-i686"; \
	command -v wine >/dev/null || missing="$$missing wine"; \
	[ -x /usr/lib/wine/wine64 ] || missing="$$missing wine64"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "missing:$$missing; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends $(DEB_PKGS)"; \
			exit 1; \
		fi; \
		echo "installing:$$missing"; \
		apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEB_PKGS) >/dev/null; \
	fi

prefix: deps $(READY)

$(READY): $(ROOT)/wine/bcryptprimitives.c $(ROOT)/wine/bcryptprimitives.def
	@echo "creating the Wine prefix in $(PREFIX) (once; takes a little while)"
	@mkdir -p $(BUILD)/amd64
	$(CC64) $(CFLAGS_DLL) -o $(BUILD)/amd64/bcryptprimitives.dll $^ -lbcrypt
	wineboot -i </dev/null >/dev/null 2>&1
	wineserver -w
	cp $(BUILD)/amd64/bcryptprimitives.dll $(PREFIX)/drive_c/windows/system32/
	touch $@

sim: deps $(SIM64) $(SIM32)

$(SIM64): $(SIM_SRC)
	@mkdir -p $(@D)
	$(CC64) $(CFLAGS_DLL) -o $@ $(filter %.c %.def,$^)

# -Wl,--kill-at: stdcall exports by their plain names, as Windows' own rasapi32 has them
# (--enable-stdcall-fixup: the .def names them so; ld need not warn about each).
$(SIM32): $(SIM_SRC)
	@mkdir -p $(@D)
	$(CC32) $(CFLAGS_DLL) -Wl,--kill-at -Wl,--enable-stdcall-fixup -o $@ $(filter %.c %.def,$^)

build: deps sim
	cd $(ROOT) && $(WIN64) go build ./...
	cd $(ROOT) && $(WIN32) go build ./...

# Wine's helper processes inherit the stdout of whichever program starts the server, and go test
# then waits on them ("Test I/O incomplete"): start the server and its services first, detached.
# wineserver -p fails when a server is already up, which is as good.
wine-up: prefix
	-wineserver -p </dev/null >/dev/null 2>&1
	wine cmd /c exit </dev/null >/dev/null 2>&1

# wineserver -k returns before the server is gone, and a dying server kills whatever connects to
# it (SIGKILL): wait, so that the next target starts with no server or a fresh one.
wine-down:
	-wineserver -k 2>/dev/null
	-wineserver -w

test: deps prefix sim
	@status=0; $(MAKE) -f $(ROOT)/mingw.mk --no-print-directory test-steps || status=$$?; \
	$(MAKE) -f $(ROOT)/mingw.mk --no-print-directory wine-down; exit $$status

test-steps: wine-up
	@echo "== native (linux): vet and tests"
	cd $(ROOT) && go vet ./... && go test ./...
	@echo "== native fuzzing, $(FUZZTIME) a target"
	cd $(ROOT) && for f in $(FUZZ); do go test -run '^$$' -fuzz "^$${f#*:}$$" -fuzztime $(FUZZTIME) "./$${f%%:*}" || exit 1; done
	@echo "== windows/amd64 and windows/386: vet and build (386 checks the shim's layout asserts)"
	cd $(ROOT) && $(WIN64) go vet ./... && $(WIN32) go vet ./... && $(WIN32) go build ./...
	@echo "== windows/amd64 under Wine, Wine's builtin rasapi32"
	cd $(ROOT) && $(WIN64) go test $(EXEC) ./...
	@echo "== windows/amd64 under Wine, the simulator"
	cd $(ROOT) && $(WIN64) WINRAS_SIM=$(SIM64) go test $(EXEC) ./...
	@echo "== windows/amd64 under Wine, the simulator, -race"
	cd $(ROOT) && $(WIN64) WINRAS_SIM=$(SIM64) go test -race $(EXEC) ./...

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
