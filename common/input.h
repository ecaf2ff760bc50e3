/*
 * input.c: operands: files, directories (walked in byte order of
 * their names, hidden entries skipped), and standard input.
 */
#ifndef INPUT_H
#define INPUT_H

#include "walk.h"

/* Walk one operand (a file, a directory, or "-"). */
void	 walk_operand(struct walk *, const char *path);

#endif
