# dmarc2json and tlsrpt2json.  GNU make; see README for the targets.

VERSION =	0.1
PREFIX ?=	/usr/local
BINDIR ?=	$(PREFIX)/bin
MANDIR ?=	$(PREFIX)/share/man
COMPDIR ?=	$(PREFIX)/share/bash-completion/completions
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
PKG_LIBS =	$(shell $(PKG_CONFIG) --libs $(PKGS)) -pthread

# Debian 12 packages: build, then test (jq, sqlite3 for the recipes;
# xmlwf from expat for the benchmark; zip and python3 for fixtures; the
# archivers and compressors for tests/gen-archives).
DEPS =		make gcc pkg-config libarchive-dev libexpat1-dev zlib1g-dev \
		libjsmn-dev expat jq sqlite3 gzip time python3 \
		tar libarchive-tools cpio binutils bzip2 xz-utils lzip zstd \
		lz4 ncompress parallel
# `make deb` also needs these (hardening-check is in devscripts).
DEB_DEPS =	debhelper dpkg-dev fakeroot lintian devscripts
# Where `make deb` builds: a copy of the tree, then the .deb files.
DEBDIR ?=	build-deb
# make check-integration: a mail server and clients (tests/integration).
INTEGRATION_DEPS = dovecot-imapd isync fetchmail parallel sqlite3 jq

COMMON =	common/buf.o common/decode.o common/delim.o common/diag.o \
		common/fdstream.o common/gzip.o common/hdr.o common/input.o \
		common/ipaddr.o common/jsonw.o common/mbox.o common/mime.o \
		common/output.o common/param.o common/ratio.o common/rfc2047.o \
		common/sniff.o common/stream.o common/text.o common/utf8.o \
		common/walk.o common/arc.o common/datetime.o common/json.o \
		common/jsonnav.o common/jsonnorm.o \
		common/csv.o common/unique.o common/outstage.o common/sha256.o
DMARC =		dmarc2json.o tool.o dmarc/aggregate.o dmarc/failure.o dmarc/xmlfeed.o \
		dmarc/xmlgen.o
TLSRPT =	tlsrpt2json.o tool.o tlsrpt/tlsrpt.o

PROGS =		dmarc2json tlsrpt2json
SCRIPTS =	report2json-deliver
MANS =		dmarc2json.1 tlsrpt2json.1 report2json-deliver.1

all: $(PROGS)

dmarc2json: $(DMARC) $(COMMON)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(DMARC) $(COMMON) $(PKG_LIBS)

tlsrpt2json: $(TLSRPT) $(COMMON)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TLSRPT) $(COMMON) $(PKG_LIBS)

.c.o:
	$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# $(call apt_install,PACKAGES,APT-OPTIONS): install those of PACKAGES
# that dpkg does not know as installed (as root; waits for apt's lock).
define apt_install
	@missing=; for p in $(1); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then \
			echo "make: run as root, or: apt-get install$$missing" >&2; \
			exit 1; \
		fi; \
		apt-get update -qq -o DPkg::Lock::Timeout=300 && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    -o DPkg::Lock::Timeout=300 $(2) $$missing; \
	fi
endef

deps:
	$(call apt_install,$(DEPS))

deb-deps:
	$(call apt_install,$(DEB_DEPS),--no-install-recommends)

tests/unit-streams: tests/unit-streams.o $(COMMON)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ tests/unit-streams.o $(COMMON) $(PKG_LIBS)

# The suite alone, nothing installed (the package build runs it).
test: all tests/unit-streams
	sh tests/run

check: deps
	$(MAKE) test

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

# tests/bench's own programs: input generator and the Maildir floor.
tests/bench-gen: tests/bench-gen.o common/buf.o common/output.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ tests/bench-gen.o common/buf.o \
	    common/output.o $(PKG_LIBS)

tests/bench-floor: tests/bench-floor.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ tests/bench-floor.o $(PKG_LIBS)

# dmarc-cat (Debian's Go peer) is compared when it can be installed.
bench: deps
	$(MAKE) all tests/bench-gen tests/bench-floor
	@dpkg -s dmarc-cat >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		dmarc-cat >/dev/null; } || \
		echo "make bench: dmarc-cat cannot be installed: not compared"
	sh tests/bench

check-integration: deps
	$(MAKE) deps DEPS="$(INTEGRATION_DEPS)"
	$(MAKE) all
	sh tests/integration

check-corpus: deps
	$(MAKE) all
	sh tests/check-corpus ../shared/corpus

# bash loads completions/NAME for the command NAME: one script serves
# both tools, tlsrpt2json's name is a link to it.
install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(COMPDIR)
	install -m 0755 $(PROGS) $(SCRIPTS) $(DESTDIR)$(BINDIR)
	install -m 0644 $(MANS) $(DESTDIR)$(MANDIR)/man1
	install -m 0644 completion.bash $(DESTDIR)$(COMPDIR)/dmarc2json
	ln -sf dmarc2json $(DESTDIR)$(COMPDIR)/tlsrpt2json

uninstall:
	for p in $(PROGS) $(SCRIPTS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done
	for p in $(PROGS); do rm -f $(DESTDIR)$(COMPDIR)/$$p; done

# The Debian package (debian/), built in a copy of the tree so that
# the build leaves nothing here but $(DEBDIR); then lintian on it.
deb: deps deb-deps
	@v=$$(dpkg-parsechangelog -S Version) && [ "$$v" = "$(VERSION)" ] || \
	    { echo "make deb: debian/changelog says $$v," \
	    "the Makefile $(VERSION)" >&2; exit 1; }
	rm -rf $(DEBDIR) && mkdir -p $(DEBDIR)/src
	tar -cf - --exclude=./.git --exclude=./$(DEBDIR) --exclude=./tests/out \
	    --exclude=./fuzz/obj --exclude=./fuzz/bin --exclude=./fuzz/out \
	    --exclude=./fuzz/cov \
	    . | tar -xf - -C $(DEBDIR)/src
	cd $(DEBDIR)/src && dpkg-buildpackage -us -uc -b
	rm -rf $(DEBDIR)/src
	lintian -I --pedantic --fail-on error,warning $(DEBDIR)/*.changes
	@ls $(DEBDIR)/*.deb

clean:
	rm -f $(PROGS) tests/unit-streams tests/bench-gen tests/bench-floor *.o */*.o *.d */*.d
	rm -rf fuzz/obj fuzz/bin fuzz/cov build-deb

.PHONY: all deps deb-deps test check check-integration valgrind bench \
	demo check-corpus install uninstall deb clean

include fuzz/fuzz.mk

-include $(wildcard *.d */*.d)
