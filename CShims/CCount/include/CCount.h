// Marks the span Valgrind's callgrind counts instructions in (`arbench ab --measure instructions`).
// Outside Valgrind each call is a few instructions that do nothing.
#ifndef ARBENCH_CCOUNT_H
#define ARBENCH_CCOUNT_H

/// 1 when this build carries callgrind's client requests (valgrind/callgrind.h was found at build time).
int arb_count_markers_built(void);

/// Starts counting (callgrind runs with --instr-atstart=no, so nothing before this is counted).
void arb_count_start(void);

/// Stops counting; what follows (post-run reporting, exit) is not counted.
void arb_count_stop(void);

#endif
