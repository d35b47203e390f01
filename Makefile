# ipfsperf: one Makefile builds every binary, lints the man pages, runs tests.

PREFIX   = /usr/local
MANDIR   = $(PREFIX)/share/man
CC       = cc
CFLAGS   = -O2 -g
XCFLAGS  = -std=c11 -Wall -Wextra -D_DEFAULT_SOURCE -D_GNU_SOURCE -Ilib
LDFLAGS  =
LDLIBS   = -Wl,--as-needed -lcurl -ljansson -lm -lpthread
B        = build

LIBSRC   = $(wildcard lib/*.c)
LIBOBJ   = $(LIBSRC:lib/%.c=$(B)/lib/%.o)
CMDSRC   = $(wildcard cmd/*.c)
BINS     = $(CMDSRC:cmd/%.c=$(B)/bin/%)
UNITSRC  = $(wildcard tests/unit/*.c)
UNITS    = $(UNITSRC:tests/unit/%.c=$(B)/tests/%)
SCRIPTS  = $(wildcard scripts/ipfs-*)
MANS     = $(wildcard man/*.1)

all: $(BINS)

$(B)/lib/%.o: lib/%.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libipfsperf.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(B)/bin/%: cmd/%.c $(B)/libipfsperf.a $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libipfsperf.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libipfsperf.a $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libipfsperf.a $(LDLIBS)

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

# Static musl binaries of the tools that need no libcurl, for minimal hosts.
# Library files that need libcurl or jansson do not compile with musl-gcc
# and are left out; a tool that needed one would fail to link, loudly.
STATIC_TOOLS = prof-diff cache-sim
static:
	@mkdir -p $(B)/static/lib
	@rm -f $(B)/static/lib/*.o $(B)/static/libipfsperf.a
	@for f in $(LIBSRC); do \
		o=$(B)/static/lib/$$(basename $$f .c).o; \
		musl-gcc $(XCFLAGS) $(CFLAGS) -c -o $$o $$f 2>/dev/null || rm -f $$o; \
	done
	ar rcs $(B)/static/libipfsperf.a $(B)/static/lib/*.o
	for t in $(STATIC_TOOLS); do \
		[ -f cmd/$$t.c ] || continue; \
		musl-gcc -static $(XCFLAGS) $(CFLAGS) -o $(B)/static/$$t cmd/$$t.c \
		    $(B)/static/libipfsperf.a -lm || exit 1; \
	done

# The main job end to end against the embedded js-ipfs node.
demo: all
	tests/demo

# Build and runtime packages on Debian (root or sudo), and the test node.
deps:
	tests/deps

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1
	cp $(BINS) $(SCRIPTS) $(DESTDIR)$(PREFIX)/bin/
	cp $(MANS) $(DESTDIR)$(MANDIR)/man1/

clean:
	rm -rf $(B)

.PHONY: all units check test lint bench demo static deps install clean
