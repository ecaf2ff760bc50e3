# fuzz.mk: the libFuzzer targets (fuzz/README), included by the Makefile.
#
#   make fuzz FUZZ_SECONDS=N	build, then run each target N seconds
#   make fuzz-smoke		the short run of .ci/run
#   make fuzz-build		only build them, into fuzz/bin/
#   make fuzz-cov		line coverage of what the corpora reach
#
# Objects are built with clang into fuzz/obj/, apart from the gcc ones
# (fuzz/cov/ for fuzz-cov: the same rules with other FZ, FB, FUZZ_SAN).

FUZZ_CC ?=	clang
FUZZ_SECONDS ?=	60
FUZZ_SMOKE ?=	15
FUZZ_CORPUS ?=	fuzz/out
FUZZ_TARGETS ?=	$(FUZZ_UNITS) $(FUZZ_PIPES)
FUZZ_DEPS =	clang libclang-rt-dev
FUZZ_SAN =	-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS =	-std=c11 -Wall -Wextra -O1 -g -fno-omit-frame-pointer \
		$(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LDFLAGS =	$(FUZZ_SAN) -fsanitize=fuzzer

FUZZ_UNITS =	walk gzip arc xml arf json
FUZZ_PIPES =	pipe-dmarc pipe-dmarc-records pipe-dmarc-csv \
		pipe-dmarc-unique pipe-dmarc-failure \
		pipe-tlsrpt pipe-tlsrpt-records pipe-tlsrpt-csv \
		pipe-tlsrpt-unique

FZ =		fuzz/obj
FB =		fuzz/bin
FUZZ_LIB =	$(COMMON:%=$(FZ)/%) $(addprefix $(FZ)/,$(filter dmarc/%,$(DMARC)) \
		$(filter tlsrpt/%,$(TLSRPT)))
FUZZ_BINS =	$(FUZZ_UNITS:%=$(FB)/%) $(FUZZ_PIPES:%=$(FB)/%)

$(FZ)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(CPPFLAGS) $(FUZZ_DEFS) $(PKG_CFLAGS) \
		-c -o $@ $<

# The tools' own main, renamed for fuzz/tool.c.
$(FZ)/dmarc2json.o $(FZ)/tlsrpt2json.o: FUZZ_DEFS = -Dmain=tool_main

$(FUZZ_UNITS:%=$(FB)/%): $(FB)/%: $(FZ)/fuzz/%.o $(FZ)/fuzz/mem.o \
		$(FUZZ_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(FB)/pipe-dmarc: $(FZ)/fuzz/tool.o $(FZ)/fuzz/mem.o $(DMARC:%=$(FZ)/%) $(FUZZ_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $(sort $^) $(PKG_LIBS)

$(FB)/pipe-tlsrpt: $(FZ)/fuzz/tool.o $(FZ)/fuzz/mem.o $(TLSRPT:%=$(FZ)/%) $(FUZZ_LIB)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $(sort $^) $(PKG_LIBS)

# The modes are names of the same binary (fuzz/tool.c).
$(FB)/pipe-dmarc-%: $(FB)/pipe-dmarc
	ln -sf pipe-dmarc $@
$(FB)/pipe-tlsrpt-%: $(FB)/pipe-tlsrpt
	ln -sf pipe-tlsrpt $@

fuzz-deps:
	@$(MAKE) deps DEPS="$(FUZZ_DEPS)"

fuzz-build: deps fuzz-deps
	$(MAKE) $(FUZZ_BINS)

fuzz: fuzz-build
	sh fuzz/run $(FUZZ_SECONDS) $(FUZZ_CORPUS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	sh fuzz/run $(FUZZ_SMOKE) $(FUZZ_CORPUS) $(FUZZ_TARGETS)

FUZZ_COV_SAN =	-fprofile-instr-generate -fcoverage-mapping
fuzz-cov: deps fuzz-deps
	@$(MAKE) deps DEPS=llvm
	$(MAKE) FZ=fuzz/cov/obj FB=fuzz/cov/bin FUZZ_SAN="$(FUZZ_COV_SAN)" \
		fuzz/cov/bin/pipe-dmarc fuzz/cov/bin/pipe-tlsrpt \
		$(FUZZ_UNITS:%=fuzz/cov/bin/%) $(FUZZ_PIPES:%=fuzz/cov/bin/%)
	sh fuzz/coverage $(FUZZ_CORPUS) $(FUZZ_TARGETS)

fuzz-clean:
	rm -rf fuzz/obj fuzz/bin fuzz/cov fuzz/out

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-deps fuzz-cov fuzz-clean

-include $(wildcard $(FZ)/*.d $(FZ)/*/*.d)
