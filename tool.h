/*
 * tool.c: the main side both tools share: options, messages in
 * the one format of SCHEMA.md 7, the loop over operands, exit status.
 * Only code behind this header prints or exits.
 */
#ifndef TOOL_H
#define TOOL_H

#include "common/csv.h"
#include "common/unique.h"
#include "common/walk.h"

struct tool {
	const char	*name;		/* "dmarc2json" */
	const char	*usage;		/* after the name */
	const char	*help;		/* --help text after the usage */
	int		 failure_ok;	/* --failure is an option */
	/* set by tool_options */
	int		 qflag, vflag, failure, records, csv, no_header, unique;
	unsigned long long max_size;
	struct unique	 seen;
};

/* Parse argv; exits 0 for --help/--version, 2 on a usage error.
 * Returns the index of the first operand. */
int	 tool_options(struct tool *, int argc, char **argv);
/* Set up w's diagnostics to print for tool t. */
void	 tool_walk_init(struct tool *, struct walk *, const struct walk_ops *);
/* Walk the operands (stdin when there are none); the exit status. */
int	 tool_run(struct tool *, struct walk *, int argc, char **argv);
/* The walk ops' error and skip printers. */
void	 tool_error(struct walk *, const struct err *);
void	 tool_skip(struct walk *, const char *);
/* --unique: 1 (and e says so) if the report with this key was seen
 * before in this run, 0 if not, -1 out of memory. */
int	 tool_seen(struct tool *, const struct buf *key, struct err *);
/* With --csv and without --no-header: write the header row of c. */
void	 tool_csv_header(struct tool *, struct walk *, const struct csv *);
/* Write buffer b to stdout, or say why not and exit 1. */
void	 tool_write(struct walk *, const struct buf *);
/* Write what s holds to stdout, or say why not and exit 1. */
void	 tool_emit(struct walk *, struct sbuf *);
/* A write to stdout failed: say so and exit 1 (SCHEMA.md 7). */
void	 tool_write_failed(struct walk *, int errnum) __attribute__((noreturn));

#endif
