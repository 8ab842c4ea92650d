// Draws figures prepared by Swift (Sources/Report) with gnuplot through gnuplot-iostream.
// Thin by design: translates the structs of CPlot.h into gnuplot commands and inline data.

#include "CPlot.h"

#include <gnuplot-iostream.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

struct Style {
    const char *colour;
    const char *dash;
    int point;
};

// Okabe-Ito colours; dash and point types differ too, so series stay apart in greyscale.
const Style kCategorical[ARB_STYLE_CATEGORICAL_COUNT] = {
    {"#0072B2", "1", 7},            // blue, solid, filled circle
    {"#D55E00", "(10,5)", 5},       // vermillion, dashed, filled square
    {"#009E73", "(3,4)", 9},        // green, dotted, filled triangle
    {"#E69F00", "(14,5,3,5)", 13},  // orange, dash-dot, filled diamond
    {"#CC79A7", "(6,3,2,3,2,3)", 11},  // pink, dash-dot-dot, filled triangle down
    {"#56B4E9", "(22,7)", 6},       // sky blue, long dash, open circle
    {"#000000", "(2,3)", 4},        // black, fine dots, open square
    {"#A08C00", "(8,3,8,3,2,3)", 8},  // dark yellow, open triangle
};

// Dark to light (viridis stops): stacked segments keep their order in greyscale.
const char *const kRamp[ARB_STYLE_RAMP_COUNT] = {
    "#440154", "#414487", "#2A788E", "#22A884", "#7AD151", "#FDE725",
};

std::string quoted(const char *text) {
    std::string out = "\"";
    for (const char *p = text ? text : ""; *p; ++p) {
        switch (*p) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        default: out += *p;
        }
    }
    return out + "\"";
}

bool has_text(const char *text) { return text != nullptr && text[0] != '\0'; }

std::string number(double value) {
    std::ostringstream s;
    s.precision(17);
    s << value;
    return s.str();
}

int wrap_style(int style) {
    int total = ARB_STYLE_EMPHASIS;  // the last slot
    if (style < 1) style = 1;
    return (style - 1) % total + 1;
}

void define_styles(Gnuplot &gp) {
    for (int i = 0; i < ARB_STYLE_CATEGORICAL_COUNT; ++i) {
        const Style &s = kCategorical[i];
        gp << "set linetype " << i + 1 << " lc rgb '" << s.colour << "' lw 2 dt " << s.dash
           << " pt " << s.point << " ps 1.2\n";
    }
    for (int i = 0; i < ARB_STYLE_RAMP_COUNT; ++i) {
        gp << "set linetype " << ARB_STYLE_RAMP_FIRST + i << " lc rgb '" << kRamp[i]
           << "' lw 1 dt 1 pt 7 ps 1\n";
    }
    gp << "set linetype " << ARB_STYLE_EMPHASIS << " lc rgb '#000000' lw 2.5 dt 1 pt 6 ps 2.2\n";
}

size_t tick_lines(const arb_axis &axis) {
    size_t lines = 1;
    for (size_t i = 0; axis.ticks != nullptr && i < axis.tick_count; ++i) {
        size_t n = 1;
        for (const char *p = axis.ticks[i].label; p && *p; ++p) n += *p == '\n';
        if (n > lines) lines = n;
    }
    return lines;
}

void apply_axis(Gnuplot &gp, const char *name, const arb_axis &axis) {
    if (has_text(axis.label)) gp << "set " << name << "label " << quoted(axis.label) << "\n";
    if (axis.log_base == 2 || axis.log_base == 10) gp << "set logscale " << name << " " << axis.log_base << "\n";
    gp << "set " << name << "range [" << (std::isfinite(axis.min) ? number(axis.min) : "*") << ":"
       << (std::isfinite(axis.max) ? number(axis.max) : "*") << "]\n";
    if (axis.ticks != nullptr && axis.tick_count > 0) {
        gp << "set " << name << "tics (";
        for (size_t i = 0; i < axis.tick_count; ++i) {
            gp << (i ? ", " : "") << quoted(axis.ticks[i].label) << " " << number(axis.ticks[i].position);
        }
        gp << ")\n";
        gp << "unset m" << name << "tics\n";
    }
    // gnuplot leaves room for one line of tick labels; make room for multi-line ones on x.
    size_t lines = tick_lines(axis);
    if (lines > 1 && std::string(name) == "x") {
        gp << "set bmargin " << lines + 3 << "\n";
        gp << "set xlabel offset 0," << -static_cast<double>(lines - 1) << "\n";
    }
    if (axis.tick_rotation != 0) {
        gp << "set " << name << "tics rotate by " << axis.tick_rotation << " right\n";
    }
}

bool finite_all(std::initializer_list<double> values) {
    for (double v : values)
        if (!std::isfinite(v)) return false;
    return true;
}

typedef std::vector<std::vector<double>> Rows;

// One `plot` clause and the inline data it reads.
struct Clause {
    std::string spec;
    Rows rows;
};

void add_series_clauses(const arb_series &s, std::vector<Clause> &clauses) {
    const int style = wrap_style(s.style);
    const std::string title = has_text(s.name) ? "title " + quoted(s.name) : "notitle";
    const bool whiskers = s.err_low != nullptr && s.err_high != nullptr;
    switch (s.kind) {
    case ARB_SERIES_LINESPOINTS:
    case ARB_SERIES_LINES:
    case ARB_SERIES_POINTS: {
        Clause c;
        for (size_t i = 0; i < s.count; ++i) {
            if (whiskers) {
                if (finite_all({s.x[i], s.y[i], s.err_low[i], s.err_high[i]}))
                    c.rows.push_back({s.x[i], s.y[i], s.err_low[i], s.err_high[i]});
            } else if (finite_all({s.x[i], s.y[i]})) {
                c.rows.push_back({s.x[i], s.y[i]});
            }
        }
        std::ostringstream spec;
        if (whiskers) {
            spec << "'-' using 1:2:3:4 with " << (s.kind == ARB_SERIES_POINTS ? "yerrorbars" : "yerrorlines")
                 << " lt " << style << " " << title;
        } else {
            const char *with = s.kind == ARB_SERIES_LINES ? "lines" : s.kind == ARB_SERIES_POINTS ? "points" : "linespoints";
            spec << "'-' using 1:2 with " << with << " lt " << style << " " << title;
        }
        c.spec = spec.str();
        clauses.push_back(c);
        break;
    }
    case ARB_SERIES_BARS: {
        Clause bars, errs;
        const double half = s.width / 2;
        for (size_t i = 0; i < s.count; ++i) {
            double base = s.base ? s.base[i] : 0.0;
            if (finite_all({s.x[i], s.y[i], base}))
                bars.rows.push_back({s.x[i], base, s.y[i], s.x[i] - half, s.x[i] + half});
            if (whiskers && finite_all({s.x[i], s.y[i], s.err_low[i], s.err_high[i]}))
                errs.rows.push_back({s.x[i], s.y[i], s.err_low[i], s.err_high[i]});
        }
        std::ostringstream spec;
        spec << "'-' using 1:3:4:5:2:3 with boxxyerror lt " << style
             << " dt 1 fs solid 0.9 border lc rgb '#333333' " << title;
        bars.spec = spec.str();
        clauses.push_back(bars);
        if (!errs.rows.empty()) {
            // Whiskers as capped vectors: yerrorbars would punch a white hole at the bar top.
            errs.spec = "'-' using 1:3:(0):($4-$3) with vectors heads size screen 0.008,90 lc rgb '#222222' lw 1.5 dt 1 notitle";
            clauses.push_back(errs);
        }
        break;
    }
    case ARB_SERIES_CELLS: {
        Clause cells, labels;
        for (size_t i = 0; i < s.count; ++i) {
            if (!finite_all({s.x[i], s.y[i], s.value[i]})) continue;
            cells.rows.push_back({s.x[i], s.y[i], s.width / 2, s.height / 2, s.value[i]});
            labels.rows.push_back({s.x[i], s.y[i], s.value[i]});
        }
        cells.spec = "'-' using 1:2:3:4:5 with boxxyerror fc palette fs solid 1.0 noborder " + title;
        clauses.push_back(cells);
        if (has_text(s.label_format)) {
            labels.spec = "'-' using 1:2:(sprintf(" + quoted(s.label_format) +
                          ", $3)) with labels boxed font ',10' notitle";
            clauses.push_back(labels);
        }
        break;
    }
    }
}

void draw_panel(Gnuplot &gp, const arb_panel &panel, bool has_cells) {
    if (has_text(panel.title)) gp << "set title " << quoted(panel.title) << " font ',13'\n";
    apply_axis(gp, "x", panel.x);
    apply_axis(gp, "y", panel.y);
    if (has_cells) {
        if (has_text(panel.colour.label)) gp << "set cblabel " << quoted(panel.colour.label) << "\n";
        gp << "set cbrange [" << (std::isfinite(panel.colour.min) ? number(panel.colour.min) : "*") << ":"
           << (std::isfinite(panel.colour.max) ? number(panel.colour.max) : "*") << "]\n";
        gp << "set colorbox\n";
    } else {
        gp << "unset colorbox\n";
    }
    switch (panel.key) {
    case ARB_KEY_OUTSIDE_RIGHT: gp << "set key outside right top vertical Left reverse noautotitle box lc rgb '#999999'\n"; break;
    case ARB_KEY_INSIDE_TOP_LEFT: gp << "set key inside left top vertical Left reverse opaque box lc rgb '#999999'\n"; break;
    case ARB_KEY_INSIDE_TOP_RIGHT: gp << "set key inside right top vertical Left reverse opaque box lc rgb '#999999'\n"; break;
    case ARB_KEY_BELOW: {
        // In a multiplot gnuplot's own bottom margin leaves no room for a key below the x label (measured:
        // a two-row key covered the label): two columns at most, and the margin sized for its rows.
        size_t titled = 0;
        for (size_t i = 0; i < panel.series_count; ++i) titled += has_text(panel.series[i].name);
        gp << "set key below horizontal maxcols 2 Left reverse box lc rgb '#999999'\n";
        gp << "set bmargin " << tick_lines(panel.x) + 3 + (titled + 1) / 2 << "\n";
        break;
    }
    case ARB_KEY_NONE: gp << "unset key\n"; break;
    }

    std::vector<Clause> clauses;
    for (size_t i = 0; i < panel.series_count; ++i) add_series_clauses(panel.series[i], clauses);
    // gnuplot refuses `plot` with nothing to draw; leave such clauses out.
    std::vector<Clause> drawn;
    for (const Clause &c : clauses)
        if (!c.rows.empty()) drawn.push_back(c);
    if (drawn.empty()) {
        gp << "set label 900 'no data' at graph 0.5, graph 0.5 center\n";
        gp << "plot 1/0 notitle\n";
        gp << "unset label 900\n";
        return;
    }
    gp << "plot ";
    for (size_t i = 0; i < drawn.size(); ++i) gp << (i ? ", " : "") << drawn[i].spec;
    gp << "\n";
    for (const Clause &c : drawn) gp.send1d(c.rows);
}

std::string read_file(const std::string &path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void put_message(char *message, size_t capacity, const std::string &text) {
    if (message == nullptr || capacity == 0) return;
    std::snprintf(message, capacity, "%s", text.c_str());
}

// gnuplot writes "warning: ..." for harmless things; anything else on stderr is an error.
bool only_warnings(const std::string &errors) {
    std::istringstream lines(errors);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (line.find("warning:") != std::string::npos) continue;
        // gnuplot echoes the offending command and a caret line before "warning:" too.
        if (line.find('^') != std::string::npos && line.find_first_not_of(" \t^") == std::string::npos) continue;
        return false;
    }
    return true;
}

// While talking to gnuplot, a pipe closed early must not kill the caller with SIGPIPE.
struct SigpipeBlock {
    sigset_t previous;
    SigpipeBlock() {
        sigset_t block;
        sigemptyset(&block);
        sigaddset(&block, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &block, &previous);
    }
    ~SigpipeBlock() {
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        if (sigismember(&pending, SIGPIPE)) {
            struct timespec zero = {0, 0};
            while (sigtimedwait(&pipe, nullptr, &zero) > 0) {}
        }
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }
};

}  // namespace

extern "C" int arb_plot_figure(const arb_figure *figure, char *message, size_t message_capacity) {
    put_message(message, message_capacity, "");
    if (figure == nullptr || !has_text(figure->output_path) || figure->panel_count == 0) {
        put_message(message, message_capacity, "no output path or no panels");
        return 1;
    }
    char error_path[] = "/tmp/arbench-gnuplot-XXXXXX";
    int error_fd = mkstemp(error_path);
    if (error_fd < 0) {
        put_message(message, message_capacity, std::string("cannot create a temporary file: ") + std::strerror(errno));
        return 1;
    }
    close(error_fd);
    std::remove(figure->output_path);

    const double width = figure->width > 0 ? figure->width : 1200;
    const double height = figure->height > 0 ? figure->height : 800;
    const size_t columns = figure->columns > 0 ? figure->columns : 1;
    const size_t rows = figure->rows > 0 ? figure->rows : (figure->panel_count + columns - 1) / columns;
    // Screen fractions kept free for the figure title (top) and the footer (bottom).
    const double top = has_text(figure->title) ? 46.0 / height : 0.0;
    const double bottom = has_text(figure->footer) ? 30.0 / height : 0.0;

    try {
        SigpipeBlock no_sigpipe;
        {
            Gnuplot gp(std::string("gnuplot 2>'") + error_path + "'");
            if (figure->terminal == ARB_TERMINAL_SVG) {
                gp << "set terminal svg size " << width << "," << height
                   << " font 'DejaVu Sans,12' noenhanced background rgb 'white'\n";
            } else {
                gp << "set terminal pngcairo size " << width << "," << height
                   << " font 'DejaVu Sans,11' noenhanced background rgb 'white'\n";
            }
            gp << "set encoding utf8\n";
            gp << "set output " << quoted(figure->output_path) << "\n";
            define_styles(gp);
            gp << "set multiplot\n";
            for (size_t i = 0; i < figure->panel_count && i < rows * columns; ++i) {
                const arb_panel &panel = figure->panels[i];
                bool has_cells = false;
                for (size_t k = 0; k < panel.series_count; ++k)
                    if (panel.series[k].kind == ARB_SERIES_CELLS) has_cells = true;

                gp << "reset\n";
                gp << "set border 3 lc rgb '#444444'\n";
                gp << "set tics nomirror out\n";
                if (has_cells) gp << "unset grid\n";
                else gp << "set grid xtics ytics lc rgb '#D4D4D4' lw 1 dt 1\n";
                gp << "set style textbox opaque fc rgb 'white' noborder margins 2,1\n";
                gp << "set palette defined (0 '#440154', 1 '#3B528B', 2 '#21918C', 3 '#5EC962', 4 '#FDE725')\n";
                const size_t r = i / columns, c = i % columns;
                const double cell_w = 1.0 / columns;
                const double cell_h = (1.0 - top - bottom) / rows;
                gp << "set origin " << number(c * cell_w) << "," << number(bottom + (rows - 1 - r) * cell_h) << "\n";
                gp << "set size " << number(cell_w) << "," << number(cell_h) << "\n";
                if (i == 0) {
                    if (has_text(figure->title))
                        gp << "set label 1000 " << quoted(figure->title) << " at screen 0.5, screen "
                           << number(1.0 - 24.0 / height) << " center font ',16'\n";
                    if (has_text(figure->footer))
                        gp << "set label 1001 " << quoted(figure->footer) << " at screen 0.01, screen "
                           << number(12.0 / height) << " left font ',9' tc rgb '#555555'\n";
                }
                draw_panel(gp, panel, has_cells);
            }
            gp << "unset multiplot\n";
            gp << "set output\n";
            gp << "exit\n";
            gp.flush();
        }  // ~Gnuplot waits for gnuplot to finish (pclose)
    } catch (const std::exception &e) {
        std::remove(error_path);
        put_message(message, message_capacity, std::string("gnuplot: ") + e.what());
        return 1;
    }

    std::string errors = read_file(error_path);
    std::remove(error_path);
    struct stat st;
    bool written = stat(figure->output_path, &st) == 0 && st.st_size > 0;
    if (!written || !only_warnings(errors)) {
        put_message(message, message_capacity,
                    errors.empty() ? std::string("gnuplot wrote nothing to ") + figure->output_path
                                   : "gnuplot: " + errors);
        return 1;
    }
    put_message(message, message_capacity, errors);
    return 0;
}
