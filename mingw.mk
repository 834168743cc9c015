# Build and test winras for Windows from Debian: mingw-w64 cross-compiles, Wine runs the tests.
#
#   make -f mingw.mk demo    the scripted rasctl story, under Wine, against the simulator
#   make -f mingw.mk test    every test: native, then under Wine for windows/amd64 (builtin rasapi32,
#                            simulator, -race, none, -tags rassim, -tags winras_testhooks) and
#                            windows/386 (builtin, simulator, -tags winras_testhooks), then rasctl
#                            dialled, hung up and interrupted hundreds of times (wine/repeat.sh),
#                            then examples/agent as another module tests its RAS code,
#                            from this tree and from a read-only module cache, then ras_exporter
#                            (a module of its own) under Wine, its alert rules (promtool test
#                            rules) and a scrape of it (promtool check metrics)
#   make -f mingw.mk bench   the benchmark table (see bench/README.md)
#   make -f mingw.mk mutate  each mutation of mutations.txt in a copy of the tree, the tests it
#                            concerns under Wine (windows/amd64, simulator), a table and the score;
#                            fails when one survives that the list does not accept (~6 minutes;
#                            MUTATE='-run NAME' for some lines only). Not part of test.
#
# Each target installs what a fresh Debian machine lacks (wine/deps.sh; test also 32-bit Wine).
# cmd/raswine does the rest, as it does for any module (rassim/README.md): it builds the simulator
# and the ProcessPrng shim into build/, makes the project's Wine prefix there once and installs
# them into it (raswine setup), and runs each test binary under Wine (raswine exec).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(ROOT)/build

CC64 := x86_64-w64-mingw32-gcc
CC32 := i686-w64-mingw32-gcc
WIN64 := GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$(CC64)
WIN32 := GOOS=windows GOARCH=386 CGO_ENABLED=1 CC=$(CC32)
RASWINE := $(BUILD)/raswine
RUN := $(RASWINE) exec -dir $(BUILD)
EXEC := -exec "$(RUN)"
EXEC_BUILTIN := -exec "$(RUN) -backend builtin"
# package:target pairs fuzzed briefly by test; go test replays their seed corpora in every run.
# A budget in executions, not seconds: before Go 1.27 a duration can end in a spurious "context
# deadline exceeded" failure when it expires while a worker is busy (go.dev/issue/75804; seen
# here in CI). 100000 executions take 2-7 s a target.
FUZZ := internal/wide:FuzzUTF8 .:FuzzEndpoint cmd/rasctl:FuzzParseTarget cmd/rasctl:FuzzGUIDString
FUZZTIME := 100000x
# "Elsewhere it compiles": vetted without cgo on one platform of each kind of build (Unix, Plan 9,
# wasm, and Windows built without cgo), the 32- and 64-bit ones among them.
PLATFORMS := linux/amd64 linux/386 darwin/arm64 freebsd/amd64 solaris/amd64 aix/ppc64 plan9/386 \
	js/wasm wasip1/wasm windows/amd64 windows/arm64

.PHONY: deps deps32 raswine setup build test test-steps demo bench mutate wine-down

deps:
	@$(ROOT)/wine/deps.sh

deps32:
	@$(ROOT)/wine/deps.sh --wine32

raswine:
	@cd $(ROOT) && go build -o $(RASWINE) ./cmd/raswine

# deps32 first when testing: a prefix made without 32-bit Wine cannot run the windows/386 tests
# (setup makes it again once 32-bit Wine is there).
setup: deps raswine
	@$(RASWINE) setup $(BUILD)

build: deps
	cd $(ROOT) && $(WIN64) go build ./...
	cd $(ROOT) && $(WIN32) go build ./...

# A dying Wine server kills whatever connects to it (SIGKILL): stop waits until it is gone, so
# that the next target starts with no server or a fresh one.
wine-down: raswine
	@$(RASWINE) stop $(BUILD)

test: deps deps32 setup
	@status=0; $(MAKE) -f $(ROOT)/mingw.mk --no-print-directory test-steps || status=$$?; \
	$(MAKE) -f $(ROOT)/mingw.mk --no-print-directory wine-down; exit $$status

test-steps:
	@echo "== native (linux): vet and tests"
	cd $(ROOT) && go vet ./... && CGO_ENABLED=1 go test ./...
	@echo "== native fuzzing, $(FUZZTIME) a target"
	cd $(ROOT) && for f in $(FUZZ); do CGO_ENABLED=1 go test -run '^$$' -fuzz "^$${f#*:}$$" -fuzztime $(FUZZTIME) "./$${f%%:*}" || exit 1; done
	@echo "== every platform the package promises to compile on, without cgo: vet"
	cd $(ROOT) && for p in $(PLATFORMS); do GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 go vet ./... || { echo "vet fails on $$p"; exit 1; }; done
	@echo "== windows/amd64 and windows/386: vet and build (386 checks the shim's layout asserts)"
	cd $(ROOT) && $(WIN64) go vet ./... && $(WIN32) go vet ./... && $(WIN32) go build ./...
	@echo "== windows/amd64 under Wine, built without cgo: the error says how to build"
	cd $(ROOT) && GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test $(EXEC_BUILTIN) -run 'NotSupported' .
	@echo "== windows/amd64 under Wine, Wine's builtin rasapi32"
	cd $(ROOT) && $(WIN64) go test $(EXEC_BUILTIN) ./...
	@echo "== windows/amd64 under Wine, the simulator"
	cd $(ROOT) && $(WIN64) go test $(EXEC) ./...
	@echo "== windows/amd64 under Wine, the simulator, -tags winras_testhooks: what Dial leaves of a password"
	cd $(ROOT) && $(WIN64) go vet -tags winras_testhooks . && $(WIN64) go test -tags winras_testhooks $(EXEC) -run '^TestSecret' .
	@echo "== windows/amd64 under Wine, the simulator, -race"
	cd $(ROOT) && $(WIN64) go test -race $(EXEC) ./...
	@echo "== windows/amd64 under Wine, a Windows without rasapi32.dll"
	cd $(ROOT) && out=$$($(WIN64) go test -exec "$(RUN) -backend none" -run 'WithoutRasapi32' -v . 2>&1) && \
	grep -q -- '--- PASS: TestWithoutRasapi32' <<<"$$out" || { echo "$$out"; exit 1; }
	@echo "== windows/amd64 under Wine, -tags rassim: the simulator beside each test binary (bench's peer loads System32's)"
	cd $(ROOT) && $(WIN64) go test -tags rassim -exec "$(RUN) -beside" $$($(WIN64) go list -tags rassim ./... | grep -v /bench$$)
	@echo "== windows/386 under Wine, Wine's builtin rasapi32"
	cd $(ROOT) && $(WIN32) go test $(EXEC_BUILTIN) ./...
	@echo "== windows/386 under Wine, the simulator"
	cd $(ROOT) && $(WIN32) go test $(EXEC) ./...
	@echo "== windows/386 under Wine, the simulator, -tags winras_testhooks"
	cd $(ROOT) && $(WIN32) go vet -tags winras_testhooks . && $(WIN32) go test -tags winras_testhooks $(EXEC) -run '^TestSecret' .
	@echo "== rasctl ended as users end it, hundreds of times, amd64 and 386 (wine/repeat.sh)"
	cd $(ROOT) && $(WIN64) go build -o $(BUILD)/repeat/amd64/ ./cmd/rasctl ./cmd/rassimctl && \
		$(WIN32) go build -o $(BUILD)/repeat/386/ ./cmd/rasctl ./cmd/rassimctl
	@$(ROOT)/wine/repeat.sh $(BUILD) $(BUILD)/repeat/amd64 $(BUILD)/repeat/386
	@$(ROOT)/examples/run.sh $(BUILD)
	@$(ROOT)/ras_exporter/run.sh $(BUILD)

demo: setup
	@echo "building rasctl.exe and rassimctl.exe (windows/amd64) into $(BUILD)/demo"
	@cd $(ROOT) && $(WIN64) go build -o $(BUILD)/demo/ ./cmd/rasctl ./cmd/rassimctl
	@status=0; $(ROOT)/demo/story.sh $(BUILD)/demo $(BUILD) && $(ROOT)/ras_exporter/demo.sh $(BUILD) || status=$$?; \
	$(RASWINE) stop $(BUILD); exit $$status

# Flags for internal/mutate, as MUTATE='-run NAME -jobs 1' (it tests two mutations at once by default).
MUTATE :=

mutate: setup
	@cd $(ROOT) && go build -o $(BUILD)/mutate ./internal/mutate
	@status=0; cd $(ROOT) && $(WIN64) $(BUILD)/mutate -root $(ROOT) -exec "$(RUN)" $(MUTATE) || status=$$?; \
	$(MAKE) -f $(ROOT)/mingw.mk --no-print-directory wine-down; exit $$status

bench: setup
	@out=$(BUILD)/bench.md; log=$(BUILD)/bench.log; rm -f $$out; status=0; \
	echo "benchmarking under Wine against the simulator (a few minutes; log: $$log)" >&2; \
	( cd $(ROOT) && \
	  $(WIN64) WINRAS_BENCH_TABLE=$$out \
	  go test $(EXEC) -count=1 -run '^TestTable$$' -benchtime=200ms -timeout=20m ./bench ) >$$log 2>&1 || status=$$?; \
	$(MAKE) -s -f $(ROOT)/mingw.mk --no-print-directory wine-down; \
	if [ $$status -ne 0 ] || [ ! -s $$out ]; then cat $$log >&2; exit 1; fi; \
	cat $$out
