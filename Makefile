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
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(call ARCHIVES,$*) $(call SYSLIBS,$*)

# unit tests mirror lib/: tests/unit/DIR/NAME.c links every archive
UNITLIBS = $(foreach d,$(DIRS),$(if $(call SRC,$(d)),$(call ARCHIVE,$(d))))
$(B)/tests/%: tests/unit/%.c $(UNITLIBS)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) -Itests/unit $(CPPFLAGS) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(UNITLIBS) $(NETLIBS) -lm -lpthread

-include $(ALLOBJ:.o=.d) $(BINS:=.d) $(UNITS:=.d)

units: $(UNITS)

# Tests: unit, CLI and real-node tests; the last line is "N passed, N failed".
check: all units lint
	tests/run

test: check

lint:
	@if command -v mandoc >/dev/null 2>&1 && [ -n "$(MANS)" ]; then \
		out=$$(mandoc -Tlint -Wwarning $(MANS) 2>&1); \
		if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	fi

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

.PHONY: all units check test lint bench demo static deps install clean gallery
