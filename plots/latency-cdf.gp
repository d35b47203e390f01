# plots/latency-cdf.gp: the cumulative distribution of request latency, a
# line per series on a log time axis, with p50, p90 and p99 marked.
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

autoh = 500 + keyh(nseries)
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
# the quantiles: named on the right axis, lines across (but in text)
set y2range [0:100]
set y2tics ("p50" 50, "p90" 90, "p99" 99) nomirror tc rgb '#404040'
if (!text) {
	set arrow 1 from graph 0, first 50 to graph 1, first 50 nohead back dt 3 lc rgb '#909090'
	set arrow 2 from graph 0, first 90 to graph 1, first 90 nohead back dt 3 lc rgb '#909090'
	set arrow 3 from graph 0, first 99 to graph 1, first 99 nohead back dt 3 lc rgb '#909090'
}
ismark(s) = strcol("mark") ne '-'
# With a few series the quantiles' values are written next to their marks,
# each series a line lower than the one before, so that close marks do not
# write over each other.
showvals = nseries <= 3 && !text

plot for [i = 1:nseries] in \
	using (strcol("series") eq names[i] && !ismark(0) ? column("t") * tscale : NaN):(column("frac") * 100) \
	with steps lw 2 lc rgb sty_lc(i) dt sty_dt(i) title names[i], \
     for [i = 1:nseries] in \
	using (strcol("series") eq names[i] && ismark(0) ? column("t") * tscale : NaN):(column("frac") * 100) \
	with points pt sty_pt(i) ps 1.3 lc rgb sty_lc(i) notitle, \
     for [i = 1:(showvals ? nseries : 0)] in \
	using (strcol("series") eq names[i] && ismark(0) ? column("t") * tscale : NaN):(column("frac") * 100):(sprintf(" %s", htime(column("t")))) \
	with labels left offset 0.6, -0.6 - 1.1 * (i - 1) tc rgb sty_lc(i) font ",9" notitle
