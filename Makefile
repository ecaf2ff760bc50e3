# dmarc2json and tlsrpt2json.  GNU make; see README for the targets.

VERSION =	0.1
PREFIX ?=	/usr/local
BINDIR ?=	$(PREFIX)/bin
MANDIR ?=	$(PREFIX)/share/man
DESTDIR ?=

CC ?=		cc
CFLAGS ?=	-O2 -g
override CFLAGS := -std=c11 -Wall -Wextra $(CFLAGS)
override CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		-DVERSION=\"$(VERSION)\" -MMD -MP
PKG_CONFIG ?=	pkg-config
PKGS =		libarchive expat zlib
# Recursive on purpose: evaluated only when linking, after `make deps`.
PKG_CFLAGS =	$(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS =	$(shell $(PKG_CONFIG) --libs $(PKGS))

# Debian 12 packages: build, then test (jq, sqlite3 for the recipes;
# xmlwf from expat for the benchmark; zip and python3 for fixtures).
DEPS =		make gcc pkg-config libarchive-dev libexpat1-dev zlib1g-dev \
		libjsmn-dev expat jq sqlite3 gzip time

COMMON =	common/buf.o common/decode.o common/delim.o common/diag.o \
		common/fdstream.o common/gzip.o common/hdr.o common/input.o \
		common/ipaddr.o common/jsonw.o common/mbox.o common/mime.o \
		common/output.o common/param.o common/ratio.o common/rfc2047.o \
		common/sniff.o common/stream.o common/text.o common/utf8.o \
		common/walk.o common/zip.o common/datetime.o common/json.o \
		common/csv.o common/unique.o common/outstage.o
DMARC =		dmarc2json.o tool.o dmarc/aggregate.o dmarc/failure.o dmarc/xmlfeed.o \
		dmarc/xmlgen.o
TLSRPT =	tlsrpt2json.o tool.o tlsrpt/tlsrpt.o

PROGS =		dmarc2json tlsrpt2json
MANS =		dmarc2json.1 tlsrpt2json.1

all: $(PROGS)

dmarc2json: $(DMARC) $(COMMON)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(DMARC) $(COMMON) $(PKG_LIBS)

tlsrpt2json: $(TLSRPT) $(COMMON)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TLSRPT) $(COMMON) $(PKG_LIBS)

.c.o:
	$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -c -o $@ $<

deps:
	@missing=; for p in $(DEPS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then \
			echo "make deps: run as root, or: apt-get install$$missing" >&2; \
			exit 1; \
		fi; \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

tests/unit-streams: tests/unit-streams.o $(COMMON)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ tests/unit-streams.o $(COMMON) $(PKG_LIBS)

check: deps
	$(MAKE) all tests/unit-streams
	sh tests/run

# The golden suite under valgrind: any error or leak fails its case.
VALGRIND_CMD =	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,possible
valgrind: deps
	@$(MAKE) deps DEPS=valgrind
	$(MAKE) all tests/unit-streams
	VALGRIND="$(VALGRIND_CMD)" sh tests/run

demo: deps
	$(MAKE) all
	./dmarc2json --failure testdata/demo
	./tlsrpt2json testdata/demo

bench: deps
	$(MAKE) all
	sh tests/bench

check-corpus: deps
	$(MAKE) all
	sh tests/check-corpus ../shared/corpus

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 0644 $(MANS) $(DESTDIR)$(MANDIR)/man1

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done

clean:
	rm -f $(PROGS) tests/unit-streams *.o */*.o *.d */*.d
	rm -rf fuzz/obj fuzz/bin

.PHONY: all deps check valgrind bench demo check-corpus install uninstall clean

include fuzz/fuzz.mk

-include $(wildcard *.d */*.d)
