// Process controls Swift cannot call directly (prctl is variadic).
#ifndef ARBENCH_CPROCESS_H
#define ARBENCH_CPROCESS_H

/// Asks the kernel to send SIGKILL to this process when its parent exits. Returns 0 on success.
int arb_die_with_parent(void);

#endif
