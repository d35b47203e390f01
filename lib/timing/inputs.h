/* timing/inputs.h: the files ipfs-time-add adds, made safe to add again
 * and again: regular files as they are; a pipe, a terminal or "-" read
 * once into a temporary file (removed at exit); directories refused. */
#ifndef TIMING_INPUTS_H
#define TIMING_INPUTS_H

/*
 * Return the n paths to add in place of files[0..n-1]: each regular file
 * itself, each other readable file a temporary copy of what it gave. A
 * directory, a missing file or a read error ends the tool: exit 2 for a
 * directory (it names it and says how to add its files), 1 otherwise.
 */
char **inputs_stage(char *const *files, int n);

#endif
