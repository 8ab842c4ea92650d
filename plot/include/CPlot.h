#ifndef ARBENCH_CPLOT_H
#define ARBENCH_CPLOT_H
int arb_plot_placeholder(void);
#endif
