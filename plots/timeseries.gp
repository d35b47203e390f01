# plots/timeseries.gp: a metric of each group over the runs of a history
# (median latency, p90, p99 or MB/s), a line per group against the date:
# what a cron job's profiles show over days.
#
#   ipfs-plot timeseries -m p99 -o p99.png history.tsv
#   gnuplot -e "in='ts.tsv'; out='ts.png'; metric='median'" plots/timeseries.gp
#
# in: TSV with the columns
#   series  the legend of the group (its rows together, by time)
#   gi, pi  its group and source, numbered from 1 (styles; see lib.gp)
#   ts      when the run was, seconds since the epoch (UTC)
#   value   the metric: seconds, or MB/s for mb_per_s
# Parameters: those of lib.gp, and metric: median, p90, p99 (of t_total)
# or mb_per_s (median), for the axis (median).
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'
if (!exists("metric")) metric = 'median'

stats in using (addseries(strcol("series"), column("gi"), column("pi")), column("value")) nooutput
vmin = STATS_min > 0 ? STATS_min : 1e-6
vmax = STATS_max > vmin ? STATS_max : vmin * 10
stats in using "ts" nooutput
t0 = STATS_min
t1 = STATS_max > t0 ? STATS_max : t0 + 86400
rate = metric eq 'mb_per_s'
if (rate) { vscale = 1; vname = 'MB/s' } else { vscale = tunit(vmax); vname = tname }
autoh = 500 + keyh(nseries)

eval terminal
what = rate ? "Median throughput" : metric eq 'median' ? "Median latency" : metric." latency"
if (!exists("title")) title = sprintf("%s over time, %s", what, src)
set title title
set xdata time
set timefmt "%s"
span = t1 - t0
# the date's format from the span: hours, days, months
if (span < 3600) { set format x "%H:%M:%S" } else { if (span < 2 * 86400) { set format x "%H:%M\n%m-%d" } else { if (span < 120 * 86400) { set format x "%m-%d" } else { set format x "%Y-%m" } } }
# about six ticks, at a round step of time
array steps[22] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000]
xstep = steps[22]
do for [k = 22:1:-1] { if (steps[k] >= span / (sizew < 700 && !text ? 5.0 : 7.0)) { xstep = steps[k] } }
set xtics xstep
set xlabel "date of the run (UTC)"
set xrange [t0 - span * 0.03 : t1 + span * 0.03]
logy = vmax / vmin > 30
if (logy) {
	set logscale y 10
	set yrange [vmin * vscale / 1.3 : vmax * vscale * 1.3]
	eval logtics('y', vmin * vscale / 1.3, vmax * vscale * 1.3)
	eval ylabel(sprintf("%s, %s (log scale)", rate ? 'throughput' : metric.' t_total', vname))
} else {
	set yrange [0 : vmax * vscale * 1.1]
	eval ylabel(sprintf("%s, %s", rate ? 'throughput' : metric.' t_total', vname))
}
set format y "%g"
eval keybelow

plot for [i = 1:nseries] in \
	using (strcol("series") eq names[i] ? column("ts") : NaN):(column("value") * vscale) \
	with linespoints lw 2 pt sty_pt(i) ps (text ? 1 : 0.9) lc rgb sty_lc(i) dt sty_dt(i) title names[i]
