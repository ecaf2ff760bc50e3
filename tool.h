/*
 * tool.c: the main side both tools share: options, messages in
 * the one format of SCHEMA.md 7, the loop over operands, exit status.
 * Only code behind this header prints or exits.
 */
#ifndef TOOL_H
#define TOOL_H

#include "common/csv.h"
#include "common/outstage.h"
#include "common/walk.h"

struct tool {
	const char	*name;		/* "dmarc2json" */
	const char	*usage;		/* after the name */
	const char	*help;		/* --help text after the usage */
	int		 failure_ok;	/* --failure is an option */
	/* set by tool_options */
	int		 qflag, vflag, failure, records, csv, no_header, unique;
	unsigned long long max_size;
	const char	*seen;		/* --seen FILE */
	struct outstage	 out;		/* where reports go */
	int		 sysfail;	/* the system failed: exit 75 */
};

/* Parse argv; exits 0 for --help/--version, 2 on a usage error.
 * Returns the index of the first operand. */
int	 tool_options(struct tool *, int argc, char **argv);
/* Set up w's diagnostics to print for tool t, and t's output stage
 * (c: the CSV columns); writes the CSV header row if there is one. */
void	 tool_walk_init(struct tool *, struct walk *, const struct walk_ops *,
	    struct csv *c);
/* Walk the operands (stdin when there are none); the exit status. */
int	 tool_run(struct tool *, struct walk *, int argc, char **argv);
/* The walk ops' error and skip printers. */
void	 tool_error(struct walk *, const struct err *);
void	 tool_skip(struct walk *, const char *);
/* Say msg (memory ran out before the run) and return the exit
 * status, 75. */
int	 tool_fail(struct tool *, const char *msg);

#endif
