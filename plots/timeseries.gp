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
# The date ticks, each label once (issue 21: 15): about six, at a round
# step of time, written as precisely as the step needs: seconds or
# minutes, with the date below the first tick and wherever it changes
# (below every tick when the span is a day or more, as the same time of
# day comes back); days, with the year below the first and wherever it
# changes; or at the first of every month, 2, 3 or 6 months (year and
# month), or of every year, 2, 5, 10 ... years (the year). A label that
# another tick already wrote is left out.
nt = text ? (sizew / 14.0 < 2 ? 2 : sizew / 14.0 > 7 ? 7.0 : sizew / 14.0) : sizew < 700 ? 5.0 : 7.0
xlo = t0 - span * 0.03
xhi = t1 + span * 0.03
array steps[21] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600]
xstep = 0
do for [k = 21:1:-1] { if (steps[k] >= span / nt) { xstep = steps[k] } }
set xtics ()
unset mxtics
labs = "\t"
prevbig = ''
addtic(t, f) = (lab = strftime(f, t), strstrt(labs, "\t".lab."\t") ? 0 : (labs = labs.lab."\t", 1))
if (xstep > 0) {
	xfmt = xstep < 60 ? "%H:%M:%S" : xstep < 86400 ? "%H:%M" : "%m-%d"
	bigfmt = xstep < 86400 ? "%Y-%m-%d" : "%Y"
	every = xstep < 86400 && xhi - xlo >= 86400
	do for [k = ceil(xlo / xstep):floor(xhi / xstep)] {
		big = strftime(bigfmt, k * xstep)
		if (addtic(k * xstep, every || big ne prevbig ? xfmt."\n".bigfmt : xfmt)) { set xtics add (lab k * xstep) }
		prevbig = big
	}
} else {
	# months from the epoch: every mstep of them
	array msteps[13] = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000]
	mspan = span / (30.44 * 86400)
	mstep = msteps[13]
	do for [k = 13:1:-1] { if (msteps[k] >= mspan / nt) { mstep = msteps[k] } }
	xfmt = mstep < 12 ? "%Y-%m" : "%Y"
	mo(t) = (tm_year(t) - 1970) * 12 + tm_mon(t)
	do for [k = ceil(mo(xlo) / real(mstep)):floor(mo(xhi) / real(mstep))] {
		m = k * mstep
		tk = strptime("%Y-%m-%d", sprintf("%04d-%02d-01", 1970 + floor(m / 12.0), m - 12 * floor(m / 12.0) + 1))
		if (tk >= xlo && tk <= xhi && addtic(tk, xfmt)) { set xtics add (lab tk) }
	}
}
set xlabel "date of the run (UTC)"
# a line lower when the ticks have two (gnuplot leaves room for one)
if (strstrt(labs, "\n")) { set xlabel offset 0, -1 }
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
