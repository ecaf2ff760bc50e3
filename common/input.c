/*
 * input.c: operands: files, directories, and standard input
 * (SCHEMA.md 7).
 *
 * A directory is walked in byte order of its names, hidden entries
 * skipped.  One that is a Maildir (it holds cur/ and new/) is read as
 * a mail store: cur/, new/, then its Maildir++ folders (the ".Name"
 * directories in it that are Maildirs too, as Dovecot and Courier keep
 * IMAP folders); never tmp/ (deliveries in progress) nor the server's
 * own files beside cur/ (dovecot-uidlist, maildirfolder, ...).
 *
 * In a walk only regular files are opened: a FIFO would block the
 * walk for ever, a device or socket holds no report.  Operands are
 * opened whatever they are (`dmarc2json <(zcat x.gz)` is a pipe).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdstream.h"
#include "input.h"
#include "walk.h"

static void	 walk_path(struct walk *, const char *, int);

static int
bytecmp(const struct dirent **a, const struct dirent **b)
{

	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
visible(const struct dirent *d)
{

	return d->d_name[0] != '.';
}

/* Maildir++ folder names: ".Name", not "." or "..". */
static int
dotted(const struct dirent *d)
{

	return d->d_name[0] == '.' && d->d_name[1] != '\0' &&
	    strcmp(d->d_name, "..") != 0;
}

/* Report an error on path itself (a directory that cannot be read). */
static void
path_error(struct walk *w, const char *path, int errnum)
{
	struct where here = { w->where, W_FILE, path, path };

	w->where = &here;
	err_set(&w->err, "%s", strerror(errnum));
	walk_error(w, &w->err);
	w->where = here.up;
}

/* "dir" + "/" + "name", without doubling a trailing "/"; NULL if out
 * of memory. */
static char *
join(const char *dir, const char *name)
{
	size_t	 len = strlen(dir), sz = len + strlen(name) + 2;
	char	*p;

	if ((p = malloc(sz)) == NULL)
		return NULL;
	memcpy(p, dir, len);
	p[len] = '\0';
	if (len == 0 || dir[len - 1] != '/')
		strcat(p, "/");
	strcat(p, name);
	return p;
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A Maildir holds cur/ and new/ (tmp/ may be missing in a copy). */
static int
is_maildir(const char *path)
{
	char	*cur, *new;
	int	 r;

	cur = join(path, "cur");
	new = join(path, "new");
	r = cur && new && is_dir(cur) && is_dir(new);
	free(cur);
	free(new);
	return r;
}

/* The entries of path that filter keeps, in byte order, each handed
 * to fn. */
static void
each_entry(struct walk *w, const char *path, int depth,
    int (*filter)(const struct dirent *),
    void (*fn)(struct walk *, const char *, int))
{
	struct dirent	**names;
	char		*sub;
	int		 n, i;

	if ((n = scandir(path, &names, filter, bytecmp)) == -1) {
		path_error(w, path, errno);
		return;
	}
	for (i = 0; i < n; i++) {
		if ((sub = join(path, names[i]->d_name)) == NULL) {
			err_set(&w->err, "out of memory");
			walk_error(w, &w->err);
		} else {
			fn(w, sub, depth + 1);
			free(sub);
		}
		free(names[i]);
	}
	free(names);
}

static void	 walk_maildir(struct walk *, const char *, int);

/* A ".Name" entry of a Maildir: read if it is a Maildir folder. */
static void
walk_folder(struct walk *w, const char *path, int depth)
{
	struct stat sb;

	/* Not through a symbolic link, as in any walk. */
	if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && is_maildir(path))
		walk_maildir(w, path, depth);
}

static void
walk_maildir(struct walk *w, const char *path, int depth)
{
	static const char *const subs[] = { "cur", "new" };
	char	*sub;
	size_t	 i;

	for (i = 0; i < 2; i++) {
		if ((sub = join(path, subs[i])) == NULL) {
			err_set(&w->err, "out of memory");
			walk_error(w, &w->err);
			continue;
		}
		each_entry(w, sub, depth + 1, visible, walk_path);
		free(sub);
	}
	each_entry(w, path, depth, dotted, walk_folder);
}

static void
walk_dir(struct walk *w, const char *path, int depth)
{

	if (is_maildir(path))
		walk_maildir(w, path, depth);
	else
		each_entry(w, path, depth, visible, walk_path);
}

static void
walk_fd(struct walk *w, int fd)
{
	struct stream	 s;
	size_t		 n;

	w->found = 0;
	if (fd_open(&s, fd, &w->err) == -1) {
		walk_error(w, &w->err);
		return;
	}
	/* An empty input holds nothing report-like (SCHEMA.md 7): an
	 * empty Maildir makes `xargs` run us on an empty stdin. */
	if (st_peek(&s, 1, &n) == NULL)
		walk_error(w, &w->err);
	else if (n == 0)
		walk_skip(w, "empty input");
	else {
		walk_stream(w, &s, 1, 0, 0);
		if (w->found == 0)
			walk_skip(w, "no report found");
	}
	st_close(&s);
}

/* Open a regular file found in a walk.  O_NONBLOCK: should it have
 * been swapped for a FIFO since stat(), open() must not wait for a
 * writer; fstat() then tells.  -1 with errno, or -2: not regular. */
static int
open_regular(const char *path)
{
	struct stat sb;
	int	 fd, fl, r = -1, e;

	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1)
		;
	else if (!S_ISREG(sb.st_mode))
		r = -2;
	else if ((fl = fcntl(fd, F_GETFL)) != -1 &&
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != -1)
		return fd;
	e = errno;
	close(fd);
	errno = e;
	return r;
}

/* A name found in a directory. */
static void
walk_found(struct walk *w, const char *path, int depth)
{
	struct stat	 sb;
	int		 fd;

	if (stat(path, &sb) == -1) {
		err_set(&w->err, "%s", strerror(errno));
		walk_error(w, &w->err);
	} else if (S_ISDIR(sb.st_mode)) {
		if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
			/* As find(1) does: no loops, no walking off the tree. */
			walk_skip(w, "a symbolic link to a directory, not followed");
		} else {
			struct where *here = w->where;

			w->where = here->up;	/* a directory names no report */
			walk_dir(w, path, depth);
			w->where = here;
		}
	} else if (!S_ISREG(sb.st_mode)) {
		walk_skip(w, S_ISFIFO(sb.st_mode) ? "a FIFO, not read" :
		    S_ISSOCK(sb.st_mode) ? "a socket, not read" :
		    "a device, not read");
	} else if ((fd = open_regular(path)) == -2) {
		walk_skip(w, "not a regular file, not read");
	} else if (fd == -1) {
		err_set(&w->err, "%s", strerror(errno));
		walk_error(w, &w->err);
	} else {
		walk_fd(w, fd);
		close(fd);
	}
}

/* An operand: whatever it is, it is opened (a pipe, /dev/stdin...). */
static void
walk_given(struct walk *w, const char *path)
{
	struct stat	 sb;
	int		 fd;

	if (strcmp(path, "-") == 0) {
		walk_fd(w, STDIN_FILENO);
	} else if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1) {
		err_set(&w->err, "%s", strerror(errno));
		walk_error(w, &w->err);
	} else if (fstat(fd, &sb) == -1) {
		err_set(&w->err, "%s", strerror(errno));
		walk_error(w, &w->err);
		close(fd);
	} else if (S_ISDIR(sb.st_mode)) {
		struct where *here = w->where;

		close(fd);
		w->where = here->up;	/* a directory names no report */
		walk_dir(w, path, 0);
		w->where = here;
	} else {
		walk_fd(w, fd);
		close(fd);
	}
}

static void
walk_path(struct walk *w, const char *path, int depth)
{
	struct where	 here = { w->where, W_FILE, path, path };

	w->where = &here;
	if (depth == 0)
		walk_given(w, path);
	else
		walk_found(w, path, depth);
	w->where = here.up;
}

void
walk_operand(struct walk *w, const char *path)
{

	walk_path(w, path, 0);
}
