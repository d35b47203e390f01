# plots/latency-cdf.gp: the cumulative distribution of request latency, a
# line per series on a log time axis, with p50, p90 and p99 marked on it
# and their values written in its legend entry (a table, where no two can
# write over each other, however close the marks: issue 21: 15).
#
#   ipfs-plot latency-cdf -o cdf.png cat.tsv
#   gnuplot -e "in='cdf.tsv'; out='cdf.png'" plots/latency-cdf.gp
#
# in: TSV with the columns
#   series  the legend of the series (its rows together, in order of t)
#   gi, pi  its group and source, numbered from 1 (styles; see lib.gp)
#   t       a latency in seconds
#   frac    the share of the series' requests taking at most t (0 to 1)
#   mark    '-', or p50, p90, p99 on a row at that quantile (after the
#           series' other rows)
# Parameters: those of lib.gp, and metric, the name of the time (t_total).
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'
if (!exists("metric")) metric = 't_total'

stats in using (addseries(strcol("series"), column("gi"), column("pi")), column("t")) nooutput
tmin = STATS_min > 0 ? STATS_min : 1e-6
tmax = STATS_max > tmin ? STATS_max : tmin * 10
tscale = tunit(tmax)
# the quantiles of series i: qv[3i - 2], qv[3i - 1], qv[3i] (p50, p90,
# p99; NaN when its rows have no such mark)
array qv[3 * nseries]
do for [k = 1:3 * nseries] { qv[k] = NaN }
qk(m) = m eq 'p50' ? 2 : m eq 'p90' ? 1 : m eq 'p99' ? 0 : -1
setq(i, m, t) = qk(m) < 0 ? 0 : (qv[3 * i - qk(m)] = t, 0)
stats in using (setq(series_of(strcol("series")), strcol("mark"), column("t")), column("t")) nooutput
hq(t) = t == t ? htime(t) : '-'
# the legend entry of series i: its name, then its quantiles; on a second
# line when the longest entry would not fit across the picture (in
# characters: text's columns, or about 7 pixels each)
qtext(i) = sprintf("p50 %s, p90 %s, p99 %s", hq(qv[3 * i - 2]), hq(qv[3 * i - 1]), hq(qv[3 * i]))
klen = 0
do for [i = 1:nseries] { k = strlen(names[i].qtext(i)) + 2; klen = k > klen ? k : klen }
kfit = (text ? sizew : sizew / 7.0) - 12
kbreak = klen > kfit
# Plot element j draws series ser(j); broken, every second one draws
# nothing and is the legend's line of quantiles below its series' entry.
ks = kbreak ? 2 : 1
ser(j) = int((j - 1) / ks) + 1
isq(j) = kbreak && j % 2 == 0
entry(j) = isq(j) ? '    '.qtext(ser(j)) : kbreak ? names[ser(j)] : sprintf("%s: %s", names[ser(j)], qtext(ser(j)))

# a legend entry a line (they are too long for two columns), two lines
# each when broken; its lines do not shrink with the picture's width
# (autoh does), so that a narrow picture grows more
klines = nseries * ks
kgrow = klines * (text ? 1 : defw / sizew) - 4
autoh = 500 + (kgrow > 0 ? 18 * kgrow : 0)
autorows = text ? 22 + klines : 0
eval terminal
if (!exists("title")) title = sprintf("Latency CDF (%s), %s", metric, src)
set title title
set xlabel sprintf("%s, %s (log scale)", metric, tname)
eval ylabel("requests at most this long, %")
set logscale x 10
set xrange [tmin * tscale / 1.3 : tmax * tscale * 1.3]
set yrange [0:100]
set ytics 0, 20, 100
eval logtics('x', tmin * tscale / 1.3, tmax * tscale * 1.3)
set format x "%g"
eval keybelow
# the quantiles: named at the right, lines across (but in text); p90 half
# a line lower and p99 half a line higher, so that their names are a line
# apart at least however short the plot
set label 11 "p50" at graph 1, first 50 offset 1, 0 left tc rgb '#404040'
set label 12 "p90" at graph 1, first 90 offset 1, -0.5 left tc rgb '#404040'
set label 13 "p99" at graph 1, first 99 offset 1, 0.5 left tc rgb '#404040'
set rmargin text ? 6 : 7
if (!text) {
	set arrow 1 from graph 0, first 50 to graph 1, first 50 nohead back dt 3 lc rgb '#909090'
	set arrow 2 from graph 0, first 90 to graph 1, first 90 nohead back dt 3 lc rgb '#909090'
	set arrow 3 from graph 0, first 99 to graph 1, first 99 nohead back dt 3 lc rgb '#909090'
}
ismark(s) = strcol("mark") ne '-'
# The quantiles' values are in the legend, not next to their marks: marks
# of several series are often close (gateway and MFS reads), and labels
# there wrote over each other and over the curves.
set key maxcols 1

plot for [j = 1:ks * nseries] in \
	using (strcol("series") eq names[ser(j)] && !ismark(0) && !isq(j) ? column("t") * tscale : NaN):(column("frac") * 100) \
	with steps lt (isq(j) ? -2 : ser(j)) lw 2 lc rgb sty_lc(ser(j)) dt sty_dt(ser(j)) title entry(j), \
     for [i = 1:nseries] in \
	using (strcol("series") eq names[i] && ismark(0) ? column("t") * tscale : NaN):(column("frac") * 100) \
	with points pt sty_pt(i) ps 1.3 lc rgb sty_lc(i) notitle
