#include "CCount.h"

// callgrind.h is a header of macros (inline asm "client requests"), BSD-licensed for inclusion in any
// program; Debian's valgrind package ships it. Without it the markers do nothing and
// arb_count_markers_built says so, so an instruction count of such a build is refused, not read as 0.
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
int arb_count_markers_built(void) { return 1; }
void arb_count_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void arb_count_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
#else
int arb_count_markers_built(void) { return 0; }
void arb_count_start(void) {}
void arb_count_stop(void) {}
#endif
