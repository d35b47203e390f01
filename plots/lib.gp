# plots/lib.gp: what every picture of ipfsperf shares, loaded by each
# plots/NAME.gp: its parameters, the terminal, the series styles and the
# units. Not a picture itself.
#
# Parameters (gnuplot -e "name='value'; ..."), common to every picture:
#   in     the data file (required): TSV, a header of column names, then
#          rows; the columns each picture reads are listed at its top.
#          ipfs-plot(1) writes it from ipfsperf records (see its --data).
#   out    the picture: a .png, .svg or .txt file, or '-' (the default) for
#          standard output.
#   term   png, svg, dumb (text), sixel, or another gnuplot terminal;
#          default from the name of out: .png png, .svg svg, else dumb.
#   size   'W,H': pixels (png, svg, sixel; default 800,500, taller for
#          many bars, panels or legend entries) or characters (dumb;
#          default 100,30); 'W,' sets the width, the height scaling with it.
#   title  the title; default what the picture shows, from src.
#   src    the name of the records the data came from, for the title;
#          default the name of in.
#
# The series styles (line colour, dash, point) are told apart in colour and
# in greyscale: the colours (Okabe and Ito's, without yellow) step through
# dark and light (the first four at four distinct grey levels),
# and each style has its own dash and point shape.

if (!exists("in")) {
	print "usage: gnuplot -e \"in='data.tsv'; out='picture.png'\" plots/NAME.gp"
	print "(the columns of data.tsv are listed at the top of NAME.gp)"
	exit status 2
}
if (!exists("out")) out = '-'
if (!exists("src")) src = in
if (!exists("size")) size = ''

# basename(path), extension(path): the last part of a path, its suffix.
lastslash(s, i) = i < 1 ? 0 : s[i:i] eq '/' ? i : lastslash(s, i - 1)
basename(s) = s[lastslash(s, strlen(s)) + 1:]
lastdot(s, i) = i < 1 ? 0 : s[i:i] eq '.' ? i : lastdot(s, i - 1)
extension(s) = lastdot(s, strlen(s)) ? s[lastdot(s, strlen(s)) + 1:] : ''

if (!exists("term")) {
	term = extension(out) eq 'png' ? 'png' : extension(out) eq 'svg' ? 'svg' : 'dumb'
}
text = (term eq 'dumb')

# A data file that is missing or has no rows is an error, not a blank
# picture (found by gnuplot itself: no shell sees the name).
set datafile separator "\t"
set datafile columnheaders
undefine STATS_records
stats in using 0 nooutput
if (!exists("STATS_records") || STATS_records == 0) {
	print sprintf("%s: %s: cannot read it, or no rows to draw", ARG0, in)
	exit status 1
}
set encoding utf8

# Units. hsize(bytes): "1 KiB", "1.5 MiB"; hcount(n): "1k", "2.5M"; three
# significant digits at most.
g3(x) = x >= 100 ? sprintf("%.0f", x) : sprintf("%.3g", x)
hsize(b) = b >= 2**40 ? g3(b / 2.0**40).' TiB' : b >= 2**30 ? g3(b / 2.0**30).' GiB' : \
	b >= 2**20 ? g3(b / 2.0**20).' MiB' : b >= 2**10 ? g3(b / 2.0**10).' KiB' : g3(b).' B'
hcount(n) = n >= 1e9 ? g3(n / 1e9).'G' : n >= 1e6 ? g3(n / 1e6).'M' : n >= 1e3 ? g3(n / 1e3).'k' : g3(n)
# Times in seconds are drawn in ms below 2 s, in s above: tunit(max)
# sets tscale (the factor from seconds) and tname.
tunit(max) = (max < 2 ? (tscale = 1000, tname = 'ms') : (tscale = 1, tname = 's'), tscale)
tscale = tunit(1)
# A duration for a label: "12.3 ms", "1.52 s".
htime(s) = s < 2 ? sprintf("%.3g ms", s * 1000) : sprintf("%.3g s", s)

# Series styles 1..10, repeating: colour, dash type and point type (the
# first six points filled, so that a second source can draw them hollow).
nsty = 10
array lcs[10] = ["#000000", "#0072B2", "#E69F00", "#D55E00", "#009E73", "#56B4E9", "#CC79A7", "#7F7F7F", "#8C510A", "#5E3C99"]
array dts[10] = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
array pts[10] = [7, 5, 9, 13, 11, 15, 1, 2, 3, 14]
lc_(i) = lcs[(int(i) - 1) % nsty + 1]
dt_(i) = dts[(int(i) - 1) % nsty + 1]
pt_(i) = pts[(int(i) - 1) % nsty + 1]

# The series of a data file with a 'series' column, in order of first
# appearance: nseries, and names[1..nseries]. Rows of a series must be
# together (a NaN in between breaks a line). addseries(series, gi, pi)
# in a stats pass: gi and pi number the series' group and source (file or
# label); colour and point follow the group, the dash the source, so that
# before and after share a colour. series_of(s) is the number of name s.
array names[1000]
array sgi[1000]
array spi[1000]
nseries = 0
npi = 1
ngi = 1
series_of(s) = sum [k = 1:nseries] (names[k] eq s ? k : 0)
addseries(s, g, p) = series_of(s) ? 0 : \
	(nseries = nseries + 1, names[nseries] = s, sgi[nseries] = g, spi[nseries] = p, \
	 npi = (p > npi ? p : npi), ngi = (g > ngi ? g : ngi), 1)
# Style of series i: its own, or its group's colour with its source's dash;
# with one group alone (one policy before and after), the source's colour
# too, so that before and after are not both black (issue 21: 15).
sty_lc(i) = npi > 1 ? (ngi > 1 ? lc_(sgi[i]) : lc_(spi[i])) : lc_(i)
sty_dt(i) = npi > 1 ? dts[(int(spi[i]) - 1) % 5 + 1] : dt_(i)
sty_pt(i) = npi > 1 ? pt_(sgi[i]) - (spi[i] > 1 && pt_(sgi[i]) > 4 ? 1 : 0) : pt_(i)
# Curves that coincide (two cache policies with the same miss ratios) stay
# visible: each series is drawn over the ones before it, thinner and with
# smaller points, so that an earlier one shows as a rim around a later one
# (issue 21: 15). sty_lw(i, lo, hi): from hi (the first) to lo (the last);
# sty_ps(i, lo, hi) likewise.
sty_lw(i, lo, hi) = nseries > 1 ? hi - (hi - lo) * (i - 1.0) / (nseries - 1) : hi
sty_ps(i, lo, hi) = sty_lw(i, lo, hi)

# The terminal: "eval terminal" after the picture has set autoh, the
# height in pixels it wants when size is not given (0: the default).
# In text, autorows the rows it wants (0: the default). tsize, 'W,H', is
# the default size (ipfs-plot passes the terminal's).
autoh = 0
autorows = 0
font = 'Sans,10'
if (!exists("tsize")) tsize = text ? '100,30' : '800,500'
defw = real(tsize[1:strstrt(tsize, ',') - 1])
defh = real(tsize[strstrt(tsize, ',') + 1:])
# size 'W,' gives the width; the height then scales with it
sizew = size ne '' ? real(size[1:strstrt(size, ',') - 1]) : defw
sizeh_(a) = size ne '' && size[strlen(size):] ne ',' ? real(size[strstrt(size, ',') + 1:]) : \
	text ? (autorows > defh ? autorows : defh) : int((a > defh ? a : defh) * sizew / defw)
terminal = "if (term eq 'png') { set terminal pngcairo size sizew, sizeh_(autoh) font font noenhanced linewidth 1.5 } \
	else { if (term eq 'svg') { set terminal svg size sizew, sizeh_(autoh) dynamic font font noenhanced background rgb 'white' linewidth 1.5 } \
	else { if (term eq 'dumb') { set terminal dumb size sizew, sizeh_(autoh) noenhanced } \
	else { if (term eq 'sixel') { set terminal sixelgd size sizew, sizeh_(autoh) truecolor font font noenhanced } \
	else { eval 'set terminal '.term }}}}; \
	if (out eq '-') { set output } else { set output out }"

set border 3 front lc rgb '#404040'
set tics nomirror out
set grid back lc rgb '#d0d0d0' lw 0.5 dt 1
set key noautotitle
set key opaque box lc rgb '#c0c0c0' samplen 3 spacing 1.1
set style fill solid 1.0 border lc rgb '#202020'
if (text) { unset grid; set key noopaque nobox; set title offset 0, 1 }

# ylabel(s): the y axis' label; in text, above the axis (no rotated text).
ylabel(s) = text ? sprintf("unset ylabel; set label 99 '%s' at graph 0, graph 1 offset -2, 1.2 left front", s) \
	: sprintf("set ylabel '%s'", s)

# Ticks on a log axis: eval logtics('y', lo, hi) sets 1-2-5 ticks when the
# axis spans less than three decades, else leaves gnuplot's powers of 10.
# With ticlabels 0 the ticks have no labels (panels above others).
ticlabels = 1
logtics(ax, lo, hi) = hi / lo >= 1000 ? sprintf("set %stics autofreq; set m%stics 10; set format %s (ticlabels ? '%%g' : '')", ax, ax, ax) : \
	sprintf("set %stics (); do for [k = %d:%d] { do for [m in '1 2 5'] { v = real(m) * 10.0**k; if (v >= %.17g && v <= %.17g) { set %stics add ((ticlabels ? sprintf('%%g', v) : '') v) } } }", \
		ax, floor(log10(lo)) - 1, ceil(log10(hi)) + 1, lo, hi, ax)
# The distinct values of a column, for ticks: addval(x) in a stats pass
# keeps vals[1..nvals].
array vals[1000]
nvals = 0
addval(x) = (sum [k = 1:nvals] (vals[k] == x ? 1 : 0)) ? 0 : nvals < 1000 ? (nvals = nvals + 1, vals[nvals] = x, 0) : 0
# Byte ticks on a log axis from lo to hi: powers of 2, at most 9 of them,
# every 1, 2, 5 or 10 powers (so 1 KiB, 32 KiB, 1 MiB, ...).
bytetics(ax, lo, hi) = sprintf("set %stics (); st = ceil(log(%.17g / %.17g) / log(2) / 8); st = st <= 1 ? 1 : st <= 2 ? 2 : st <= 5 ? 5 : 10 * ceil(st / 10.0); do for [k = 0:80] { if (k %% st == 0 && 2.0**k >= %.17g && 2.0**k <= %.17g) { set %stics add (hsize(2.0**k) 2.0**k) } }", \
	ax, hi, lo, lo / 1.01, hi * 1.01, ax)
# Count ticks on a log axis: 1, 10, 100, 1k, ...
counttics(ax, lo, hi) = sprintf("set %stics (); do for [k = 0:15] { if (10.0**k >= %.17g && 10.0**k <= %.17g) { set %stics add (hcount(10.0**k) 10.0**k) } }", \
	ax, lo / 1.01, hi * 1.01, ax)
# The legend below the plot, where it hides no data; keyh(n): the height
# in pixels a picture grows by for a legend of n entries in two columns
# (one when narrower than 640 pixels). The picture's height scales with
# its width but the legend's lines do not, so that a narrow picture grows
# more: a short plot wrote its tick labels over each other.
keybelow = "set key below horizontal maxcols 2 nobox noopaque Left reverse height 1.5 width 1"
keyrows(n) = sizew < 640 && !text ? n : ceil(n / 2.0)
keyh(n) = keyrows(n) * defw / sizew > 2 ? 18 * (keyrows(n) * defw / sizew - 2) : 0
# Titles centred on the picture rather than over the plot, for pictures
# with long labels at the left: eval centretitle after setting title.
centretitle = "if (!text) { unset title; set label 98 title at screen 0.5, screen 1 offset 0, -1.3 center front; set tmargin 3.5 } else { set title title }"
