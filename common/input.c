/*
 * input.c: operands: files, directories (walked in byte order of
 * their names, hidden entries skipped), and standard input.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layers.h"
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

static void
walk_dir(struct walk *w, const char *path, int depth)
{
	struct dirent	**names;
	char		*sub;
	size_t		 len = strlen(path);
	int		 n, i;

	if ((n = scandir(path, &names, visible, bytecmp)) == -1) {
		struct where here = { w->where, W_FILE, path, path };

		w->where = &here;
		err_set(&w->err, "%s", strerror(errno));
		walk_error(w, &w->err);
		w->where = here.up;
		return;
	}
	for (i = 0; i < n; i++) {
		size_t sz = len + strlen(names[i]->d_name) + 2;
		if ((sub = malloc(sz)) == NULL) {
			err_set(&w->err, "out of memory");
			walk_error(w, &w->err);
		} else {
			/* "dir/" stays "dir/x", not "dir//x" */
			memcpy(sub, path, len);
			sub[len] = '\0';
			if (len == 0 || path[len - 1] != '/')
				strcat(sub, "/");
			strcat(sub, names[i]->d_name);
			walk_path(w, sub, depth + 1);
			free(sub);
		}
		free(names[i]);
	}
	free(names);
}

static void
walk_fd(struct walk *w, int fd)
{
	struct stream	 s;

	w->found = 0;
	if (fd_open(&s, fd, &w->err) == -1) {
		walk_error(w, &w->err);
		return;
	}
	walk_stream(w, &s, 1, 0, 0);
	st_close(&s);
	if (w->found == 0)
		walk_skip(w, "no report found");
}

static void
walk_path(struct walk *w, const char *path, int depth)
{
	struct where	 here = { w->where, W_FILE, path, path };
	struct stat	 sb;
	int		 fd;

	w->where = &here;
	if (strcmp(path, "-") == 0 && depth == 0) {
		walk_fd(w, STDIN_FILENO);
	} else if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1) {
		err_set(&w->err, "%s", strerror(errno));
		walk_error(w, &w->err);
	} else if (fstat(fd, &sb) == -1) {
		err_set(&w->err, "%s", strerror(errno));
		walk_error(w, &w->err);
		close(fd);
	} else if (S_ISDIR(sb.st_mode)) {
		close(fd);
		if (depth > 0 && lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
			/* As find(1) does: no loops, no walking off the tree. */
			walk_skip(w, "a symbolic link to a directory, not followed");
		} else {
			w->where = here.up;	/* a directory names no report */
			walk_dir(w, path, depth);
		}
	} else {
		walk_fd(w, fd);
		close(fd);
	}
	w->where = here.up;
}

void
walk_operand(struct walk *w, const char *path)
{

	walk_path(w, path, 0);
}
