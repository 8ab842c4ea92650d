#include "CPlot.h"
int arb_plot_placeholder(void) { return 0; }
