/*
 * tool.c: the main side both tools share.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "common/input.h"
#include "common/limits.h"
#include "common/output.h"
#include "tool.h"

#ifndef VERSION
#define VERSION "0.1"
#endif

/* The tool a walk works for (tool_walk_init set it). */
static const struct tool *
tool_of(const struct walk *w)
{

	return w->tool;
}

static void
where_prefix(const struct walk *w, struct buf *b)
{

	size_t	 mark;

	buf_addstr(b, tool_of(w)->name);
	buf_adds(b, ": ");
	mark = b->len;
	walk_where_str(w, b);
	if (b->len > mark)
		buf_adds(b, ": ");
}

static void
say(const struct walk *w, const char *what, const char *msg)
{
	struct buf	 b = { 0 };

	fflush(stdout);
	where_prefix(w, &b);
	buf_addstr(&b, what);
	buf_addstr(&b, msg);
	buf_addc(&b, '\n');
	if (!b.oom)
		fwrite(b.p, 1, b.len, stderr);
	buf_free(&b);
}

static void
on_warn(void *arg, const char *msg)
{
	struct walk *w = arg;

	if (!tool_of(w)->qflag)
		say(w, "warning: ", msg);
}

void
tool_error(struct walk *w, const struct err *e)
{

	if (e->sys)
		((struct tool *)w->tool)->sysfail = 1;
	say(w, "", e->msg);
}

void
tool_skip(struct walk *w, const char *why)
{

	if (tool_of(w)->vflag)
		say(w, "skipped: ", why);
}

int
tool_fail(struct tool *t, const char *msg)
{

	fprintf(stderr, "%s: %s\n", t->name, msg);
	return EX_TEMPFAIL;
}

static void
usage(struct tool *t, FILE *f)
{

	fprintf(f, "usage: %s %s\n", t->name, t->usage);
}

/* N, N[kKmMgG]: bytes. */
static int
parse_size(const char *s, unsigned long long *v)
{
	char	*end;
	unsigned long long n;
	int	 shift = 0;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	n = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end != '\0' || n == 0 || n > (~0ULL >> shift))
		return -1;
	*v = n << shift;
	return 0;
}

/* Say what is wrong with the command line, then the usage; exit 2. */
static void __attribute__((noreturn, format(printf, 2, 3)))
usage_error(struct tool *t, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "%s: ", t->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage(t, stderr);
	exit(2);
}

int
tool_options(struct tool *t, int argc, char **argv)
{
	enum { O_FAILURE = 256, O_UNIQUE, O_SEEN, O_RECORDS, O_CSV, O_NOHEADER,
		O_MAXSIZE, O_HELP, O_VERSION };
	static const struct option opts[] = {
		{ "failure", no_argument, NULL, O_FAILURE },
		{ "records", no_argument, NULL, O_RECORDS },
		{ "unique", no_argument, NULL, O_UNIQUE },
		{ "seen", required_argument, NULL, O_SEEN },
		{ "csv", no_argument, NULL, O_CSV },
		{ "no-header", no_argument, NULL, O_NOHEADER },
		{ "max-size", required_argument, NULL, O_MAXSIZE },
		{ "help", no_argument, NULL, O_HELP },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int	 c;

	/* Member names in UTF-8 from libarchive need a UTF-8 ctype
	 * (STYLE.md 15); numbers stay in the C locale. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	t->max_size = LIM_MAX_SIZE_DEFAULT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hqv", opts, NULL)) != -1) {
		switch (c) {
		case 'q': t->qflag = 1; break;
		case 'v': t->vflag = 1; break;
		case O_FAILURE:
			if (!t->failure_ok)
				usage_error(t, "unknown option --failure");
			t->failure = 1;
			break;
		case O_RECORDS: t->records = 1; break;
		case O_UNIQUE: t->unique = 1; break;
		case O_SEEN:
			if (*optarg == '\0')
				usage_error(t, "--seen needs a file name");
			t->seen = optarg;
			break;
		case O_CSV: t->csv = 1; break;
		case O_NOHEADER: t->no_header = 1; break;
		case O_MAXSIZE:
			if (parse_size(optarg, &t->max_size) == -1)
				usage_error(t, "--max-size: not a size: %s",
				    optarg);
			break;
		case 'h':
		case O_HELP:
			usage(t, stdout);
			fputs(t->help, stdout);
			exit(0);
		case O_VERSION:
			printf("%s %s\n", t->name, VERSION);
			exit(0);
		case ':':
			usage_error(t, "%s needs a value", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				usage_error(t, "unknown option -%c", optopt);
			usage_error(t, "unknown option %s", argv[optind - 1]);
		}
	}
	if (t->records && t->csv)
		usage_error(t, "--records and --csv exclude each other");
	/* One CSV stream has one set of columns. */
	if (t->failure && t->csv)
		usage_error(t, "--failure and --csv exclude each other "
		    "(use --failure --records)");
	if (t->no_header && !t->csv)
		usage_error(t, "--no-header goes with --csv");
	return optind;
}

void
tool_walk_init(struct tool *t, struct walk *w, const struct walk_ops *ops,
    struct csv *c)
{
	struct outstage	*o = &t->out;

	memset(w, 0, sizeof(*w));
	w->ops = ops;
	w->tool = t;
	w->out = o;
	w->max_size = t->max_size;
	w->diag.warn = on_warn;
	w->diag.arg = w;
	o->shape = t->csv ? OUT_CSV : t->records ? OUT_RECORDS : OUT_WHOLE;
	o->csv = c;
	o->header = !t->no_header;
	o->unique = t->unique;
	o->seen_path = t->seen;
	o->max_size = t->max_size;
	o->fd = STDOUT_FILENO;
	/* A file size limit (ulimit -f) then fails a write with EFBIG,
	 * which the stage takes back, instead of killing the process. */
	signal(SIGXFSZ, SIG_IGN);
	if (outstage_open(o, &w->err) == -1) {
		/* Without FILE a run would repeat reports: stop. */
		fprintf(stderr, "%s: %s\n", t->name, w->err.msg);
		exit(w->err.sys ? EX_TEMPFAIL : 1);
	}
}

int
tool_run(struct tool *t, struct walk *w, int argc, char **argv)
{
	int	 i;

	if (argc == 0)
		walk_operand(w, "-");
	for (i = 0; i < argc; i++)
		walk_operand(w, argv[i]);
	if (fflush(stdout) == EOF) {
		fprintf(stderr, "%s: standard output: %s\n", t->name,
		    strerror(errno));
		t->sysfail = 1;
	}
	if (t->vflag)
		fprintf(stderr, "%s: %lu report%s, %lu error%s, %lu skipped\n",
		    t->name, w->nreports, w->nreports == 1 ? "" : "s",
		    w->nerrors, w->nerrors == 1 ? "" : "s", w->nskipped);
	if (t->out.failed)
		t->sysfail = 1;
	outstage_close(&t->out);
	/* 75 first: retrying later may help, and an MTA then keeps the
	 * message (SCHEMA.md 7). */
	return t->sysfail ? EX_TEMPFAIL : w->nerrors ? 1 : 0;
}
