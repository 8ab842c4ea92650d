#ifndef ARBENCH_CPLOT_H
#define ARBENCH_CPLOT_H

/*
 * CPlot: draws figures that Swift (Sources/Report) has already prepared, with gnuplot through
 * gnuplot-iostream. No grouping, aggregation or choice of data happens here: every number,
 * label, range and tick arrives in these structs; this layer only turns them into gnuplot
 * commands and inline data.
 *
 * A figure is a grid of panels (rows x columns, filled row by row). A panel holds series of one
 * of five kinds. All arrays in a series have `count` elements; a row whose needed values are
 * not finite is left out.
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum arb_terminal {
    ARB_TERMINAL_PNG = 0, /* pngcairo */
    ARB_TERMINAL_SVG = 1,
} arb_terminal;

typedef enum arb_series_kind {
    /* Lines with point markers; with err_low/err_high, vertical whiskers at each point. */
    ARB_SERIES_LINESPOINTS = 0,
    /* Lines only (dense time series). */
    ARB_SERIES_LINES = 1,
    /* Bars: a rectangle per row from base[i] (0 when base is NULL) to y[i], centred on x[i],
       `width` wide; optional whiskers from err_low to err_high. */
    ARB_SERIES_BARS = 2,
    /* Heat-map cells: a `width` x `height` rectangle centred on (x[i], y[i]) filled by the
       panel's colour scale at value[i]; the value printed on it with `label_format`. */
    ARB_SERIES_CELLS = 3,
    /* Point markers only, no line (a scatter of configurations); whiskers as for LINESPOINTS. */
    ARB_SERIES_POINTS = 4,
} arb_series_kind;

typedef enum arb_key_position {
    ARB_KEY_OUTSIDE_RIGHT = 0,
    ARB_KEY_INSIDE_TOP_LEFT = 1,
    ARB_KEY_INSIDE_TOP_RIGHT = 2,
    ARB_KEY_BELOW = 3,
    ARB_KEY_NONE = 4,
} arb_key_position;

typedef struct arb_series {
    const char *name;          /* legend entry; NULL or "" for none */
    arb_series_kind kind;
    int style;                 /* 1-based style slot: colour, dash type and point type */
    size_t count;
    const double *x;
    const double *y;
    const double *base;        /* BARS: bottom of each bar; NULL means 0 */
    const double *err_low;     /* optional whisker ends (absolute values); both or neither */
    const double *err_high;
    const double *value;       /* CELLS: colour value */
    double width;              /* BARS, CELLS */
    double height;             /* CELLS */
    const char *label_format;  /* CELLS: printf format of the printed value, e.g. "%.1f"; NULL: none */
} arb_series;

typedef struct arb_tick {
    const char *label;
    double position;
} arb_tick;

typedef struct arb_axis {
    const char *label;         /* with units */
    int log_base;              /* 0 linear, or 2 / 10 */
    double min, max;           /* NaN: automatic */
    const arb_tick *ticks;     /* NULL: automatic */
    size_t tick_count;
    int tick_rotation;         /* degrees, 0 for horizontal */
} arb_axis;

typedef struct arb_panel {
    const char *title;
    arb_axis x;
    arb_axis y;
    arb_axis colour;           /* colour box of CELLS series: label, min, max */
    arb_key_position key;
    const arb_series *series;
    size_t series_count;
} arb_panel;

typedef struct arb_figure {
    const char *output_path;
    arb_terminal terminal;
    int width, height;         /* pixels */
    const char *title;         /* above all panels */
    const char *footer;        /* small text along the bottom edge */
    size_t rows, columns;
    const arb_panel *panels;
    size_t panel_count;
} arb_figure;

/*
 * Draws `figure` into figure->output_path. Returns 0 on success, non-zero on failure.
 * `message` (may be NULL) receives gnuplot's complaints: the reason on failure, or any
 * warnings on success (empty string when there were none).
 */
int arb_plot_figure(const arb_figure *figure, char *message, size_t message_capacity);

/*
 * Style slots: 1..ARB_STYLE_CATEGORICAL_COUNT are categorical (Okabe-Ito colours, each with its
 * own dash type and point type, so lines stay apart in greyscale); ARB_STYLE_RAMP_FIRST onwards
 * are ARB_STYLE_RAMP_COUNT fills from dark to light (for stacked bars); ARB_STYLE_EMPHASIS, the
 * last, is a heavy black line with large open circles, for a line drawn over the other series (a
 * Pareto front over a scatter). Out-of-range slots wrap.
 */
#define ARB_STYLE_CATEGORICAL_COUNT 8
#define ARB_STYLE_RAMP_FIRST 9
#define ARB_STYLE_RAMP_COUNT 6
#define ARB_STYLE_EMPHASIS 15

#ifdef __cplusplus
}
#endif

#endif
