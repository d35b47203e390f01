# ipfsperf: one Makefile builds every binary, lints the man pages, runs tests.

PREFIX   = /usr/local
MANDIR   = $(PREFIX)/share/man
CC       = cc
CFLAGS   = -O2 -g
XCFLAGS  = -std=c11 -Wall -Wextra -D_DEFAULT_SOURCE -D_GNU_SOURCE -Ilib
LDFLAGS  =
LDLIBS   = -Wl,--as-needed -lcurl -ljansson -lm -lpthread
B        = build

# lib/ has one folder per domain; each builds one archive. A tool links
# the archives it needs, in dependency order (a folder only uses those after
# it), and only the system libraries they need.
DIRS     = tune timing xfer net unixfs sim stats rec base
ARCHIVE  = $(B)/lib/lib$(1).a
SRC      = $(wildcard lib/$(1)/*.c)
OBJ      = $(patsubst lib/%.c,$(B)/lib/%.o,$(call SRC,$(1)))

LIBS_prof-diff     = stats rec base
LIBS_cache-sim     = sim rec base
LIBS_ipfs-time-add = timing xfer net unixfs stats rec base
LIBS_ipfs-time-cat = timing xfer net unixfs stats rec base
LIBS_chunk-put     = xfer net unixfs rec base
LIBS_tune-conf     = tune stats net unixfs rec base
NETLIBS  = -lcurl -ljansson
SYSLIBS  = $(if $(filter net,$(LIBS_$(1))),$(NETLIBS)) -lm -lpthread
# the archives of a tool, in link order
ARCHIVES = $(foreach d,$(LIBS_$(1)),$(call ARCHIVE,$(d)))

CMDSRC   = $(wildcard cmd/*.c)
BINS     = $(CMDSRC:cmd/%.c=$(B)/bin/%)
UNITSRC  = $(wildcard tests/unit/*/*.c)
UNITS    = $(UNITSRC:tests/unit/%.c=$(B)/tests/%)
SCRIPTS  = $(wildcard scripts/ipfs-*)
MANS     = $(wildcard man/*.1)
ALLOBJ   = $(foreach d,$(DIRS),$(call OBJ,$(d)))

all: $(BINS)

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

define archive_rule
$(call ARCHIVE,$(1)): $(call OBJ,$(1))
	@mkdir -p $$(@D)
	rm -f $$@
	ar rcs $$@ $$^
endef
$(foreach d,$(DIRS),$(eval $(call archive_rule,$(d))))

.SECONDEXPANSION:
$(B)/bin/%: cmd/%.c $$(call ARCHIVES,$$*)
	@mkdir -p $(@D) $(B)/dep/bin
	$(CC) $(XCFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -MF $(B)/dep/bin/$*.d $(LDFLAGS) -o $@ $< $(call ARCHIVES,$*) $(call SYSLIBS,$*)

# unit tests mirror lib/: tests/unit/DIR/NAME.c links every archive
UNITLIBS = $(foreach d,$(DIRS),$(if $(call SRC,$(d)),$(call ARCHIVE,$(d))))
$(B)/tests/%: tests/unit/%.c $(UNITLIBS)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) -Itests/unit $(CPPFLAGS) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(UNITLIBS) $(NETLIBS) -lm -lpthread

# a binary's dependencies are kept out of bin/, so that bin/* is the tools
# alone (the README copies build/static/bin/*: issue 21: 13)
-include $(ALLOBJ:.o=.d) $(BINS:$(B)/bin/%=$(B)/dep/bin/%.d) $(UNITS:=.d)

units: $(UNITS)

# Tests: unit, CLI and real-node tests; the last line is "N passed, N failed".
# SAN=1: the same suite against a sanitized build (make san).
ifeq ($(SAN),1)
check: san
else
check: all units lint
	tests/run
endif

test: check

lint:
	@if command -v mandoc >/dev/null 2>&1 && [ -n "$(MANS)" ]; then \
		out=$$(mandoc -Tlint -Wwarning $(MANS) 2>&1); \
		if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	fi

# make check SAN=1 (make san): every binary and unit test built with
# AddressSanitizer (leaks included) and UBSan into $(SAN_B), and the whole
# suite run against them (tests/run and tests/lib.sh take the build folder
# from $$IPFSPERF_BUILD); any report fails the test that caused it. The
# suite's own nested makes (make static) see none of these variables.
# SAN_TESTS picks tests by tests/run's patterns (for example "unit/ cli/", the
# parsers, the faults and the command lines, in a few minutes); empty: all.
SAN_TESTS  =
SAN_B      = $(B)/san
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer
SAN_CFLAGS = -O1 -g $(SAN_FLAGS)
# Reports go to files in $(SAN_REPORTS), so that one from a command whose
# stderr or status a test ignores still fails the run (listed after the
# suite's line).
SAN_REPORTS = $(abspath $(SAN_B))/reports
SAN_ENV    = IPFSPERF_BUILD=$(abspath $(SAN_B)) \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(SAN_REPORTS)/ubsan \
	ASAN_OPTIONS=detect_leaks=1:log_path=$(SAN_REPORTS)/asan
san: lint
	$(MAKE) --no-print-directory B=$(SAN_B) CFLAGS="$(SAN_CFLAGS)" \
	    LDFLAGS="$(LDFLAGS) $(SAN_FLAGS)" SAN= all units
	@rm -rf $(SAN_REPORTS) && mkdir -p $(SAN_REPORTS)
	@env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $(SAN_ENV) tests/run $(SAN_TESTS); rc=$$?; \
	n=$$(ls $(SAN_REPORTS) | wc -l); if [ "$$n" -gt 0 ]; then \
		for f in $(SAN_REPORTS)/*; do echo "== $$f"; head -n 40 "$$f"; done; \
		echo "san: $$n sanitizer reports in $(SAN_REPORTS)"; rc=1; fi; exit $$rc

# Fuzzing: tests/fuzz/NAME.c is one libFuzzer target over a parser of
# untrusted bytes. make units links each with tests/fuzz/replay.c into
# $(B)/fuzz/replay/NAME, which tests/cli/fuzz-regress.sh feeds the seed
# corpus and the kept crash inputs (tests/fuzz/corpus/NAME,
# tests/fuzz/regress/NAME). make fuzz builds them with clang and libFuzzer
# (ASan, UBSan) into $(FUZZ_B) and runs each for FUZZ_SECONDS, one after
# another, its new inputs in $(FUZZ_B)/corpus/NAME, crashes in
# $(FUZZ_B)/crash/NAME; it fails when one crashed. A target's own flags
# are on a "fuzz-options: FLAGS */" line of its source.
FUZZ_SRC     = $(filter-out tests/fuzz/replay.c,$(wildcard tests/fuzz/*.c))
FUZZ_TARGETS = $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_REPLAY  = $(FUZZ_TARGETS:%=$(B)/fuzz/replay/%)
FUZZ_LDFLAGS = -Wl,--wrap=exit
FUZZ_CC      = clang
FUZZ_B       = $(B)/libfuzzer
FUZZ_FLAGS   = -fsanitize=address,undefined -fno-omit-frame-pointer
FUZZ_SECONDS = 30
FUZZ_ENV     = UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1

units: $(FUZZ_REPLAY)
$(B)/fuzz/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(UNITLIBS)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) -Itests/fuzz $(CPPFLAGS) $(CFLAGS) -MMD -MP $(LDFLAGS) $(FUZZ_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(UNITLIBS) $(NETLIBS) -lm -lpthread
$(B)/fuzz/bin/%: tests/fuzz/%.c $(UNITLIBS)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) -Itests/fuzz $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -MMD -MP $(LDFLAGS) $(FUZZ_LDFLAGS) -o $@ $< $(UNITLIBS) $(NETLIBS) -lm -lpthread
-include $(FUZZ_REPLAY:=.d) $(FUZZ_TARGETS:%=$(B)/fuzz/bin/%.d)
fuzz-bins: $(FUZZ_TARGETS:%=$(B)/fuzz/bin/%)

fuzz:
	$(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) \
	    CFLAGS="-O1 -g $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" fuzz-bins
	@bad=; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_B)/corpus/$$t $(FUZZ_B)/crash/$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ_ENV) $(FUZZ_B)/fuzz/bin/$$t -max_total_time=$(FUZZ_SECONDS) \
		    -timeout=10 -close_fd_mask=2 -print_final_stats=1 \
		    $$(sed -n 's/.*fuzz-options: \(.*\) \*\/.*/\1/p' tests/fuzz/$$t.c) \
		    -artifact_prefix=$(FUZZ_B)/crash/$$t/ $(FUZZ_B)/corpus/$$t \
		    $$(ls -d tests/fuzz/corpus/$$t tests/fuzz/regress/$$t 2>/dev/null) \
		    >$(FUZZ_B)/$$t.log 2>&1; rc=$$?; \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_B)/$$t.log); \
		[ -n "$$runs" ] || runs=$$(sed -n 's/^#\([0-9]*\): cov.*/\1/p' $(FUZZ_B)/$$t.log | tail -n 1); \
		if [ $$rc -eq 0 ]; then echo "fuzz: $$t: $${runs:-?} executions, no crash"; \
		else echo "fuzz: $$t: CRASH after $${runs:-?} executions (exit $$rc):" \
		    "$(FUZZ_B)/$$t.log, $$(ls $(FUZZ_B)/crash/$$t | tr '\n' ' ')"; bad="$$bad $$t"; fi; \
	done; [ -z "$$bad" ] || { echo "fuzz: crashed:$$bad"; exit 1; }

bench: all
	tests/bench/run

# Static musl binaries of every tool, for minimal hosts: the same rules
# with musl-gcc into build/static/bin, each tool linking only the archives
# it needs, the network tools libcurl and jansson built for musl from
# Debian's source by mk/static-deps (cached). TLS=1 adds mbedTLS for HTTPS.
# A tool that cannot be built fails the target.
STATIC_TOOLS  = $(CMDSRC:cmd/%.c=%)
STATIC_CFLAGS = -Os -ffunction-sections -fdata-sections
TLSLIBS       = $(if $(filter 1,$(TLS)),-lmbedtls -lmbedx509 -lmbedcrypto)
STATIC_B      = $(B)/static$(if $(filter 1,$(TLS)),-tls)
static:
	@p=$$(mk/static-deps $(if $(filter 1,$(TLS)),-t)) && \
	$(MAKE) --no-print-directory B=$(STATIC_B) CC=musl-gcc CFLAGS="$(STATIC_CFLAGS)" \
	    CPPFLAGS="-I$$p/include" LDFLAGS="-static -Wl,--gc-sections -s -L$$p/lib" \
	    NETLIBS="-lcurl $(TLSLIBS) -ljansson" $(STATIC_TOOLS:%=$(STATIC_B)/bin/%)

# The pictures' gallery (plots/README.md), drawn from a real run.
gallery: all
	plots/gallery

# The main job end to end against the embedded js-ipfs node.
demo: all
	tests/demo

# Build and runtime packages on Debian (root or sudo), and the test node.
deps:
	tests/deps

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1
	cp $(BINS) $(SCRIPTS) $(DESTDIR)$(PREFIX)/bin/
	mkdir -p $(DESTDIR)$(PREFIX)/share/ipfsperf/lib $(DESTDIR)$(PREFIX)/share/ipfsperf/workloads
	cp scripts/lib/*.sh $(DESTDIR)$(PREFIX)/share/ipfsperf/lib/
	cp scripts/workloads/*.wl $(DESTDIR)$(PREFIX)/share/ipfsperf/workloads/
	cp $(MANS) $(DESTDIR)$(MANDIR)/man1/
	mkdir -p $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	for t in $(BINS:$(B)/bin/%=%) $(SCRIPTS:scripts/%=%); do \
		cp scripts/completion.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$t; done
	if [ -d plots ]; then mkdir -p $(DESTDIR)$(PREFIX)/share/ipfsperf/plots && \
		cp plots/*.gp $(DESTDIR)$(PREFIX)/share/ipfsperf/plots/; fi

clean:
	rm -rf $(B)

.PHONY: all units check test lint bench demo static deps install clean gallery san fuzz fuzz-bins
