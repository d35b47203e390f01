# plots/latency-time.gp: every request's latency against the time it
# started, a point per request and a colour per series, failed requests
# apart (red crosses): stalls, garbage-collection pauses and throttling
# show up here, as in vegeta's plot.
#
#   ipfs-plot latency-time -o time.png cat.tsv
#   gnuplot -e "in='time.tsv'; out='time.png'" plots/latency-time.gp
#
# in: TSV with the columns
#   series   the legend of the series (its rows together)
#   gi, pi   its group and source, numbered from 1 (styles; see lib.gp)
#   t_start  when the request started, seconds since the run began
#   t        its latency, seconds (for a failed one, the time to fail)
#   ok       1, or 0 for a failed request
# Parameters: those of lib.gp, and metric, the name of the time (t_total).
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'
if (!exists("metric")) metric = 't_total'

nfail = 0
stats in using (addseries(strcol("series"), column("gi"), column("pi")), \
	nfail = nfail + (column("ok") == 0), column("t")) nooutput
nreq = STATS_records
tmin = STATS_min > 0 ? STATS_min : 1e-6
tmax = STATS_max > tmin ? STATS_max : tmin * 10
stats in using "t_start" nooutput
xmax = STATS_max > 0 ? STATS_max : 1
# the clock axis in s, min or h
xscale = xmax > 7200 ? 3600 : xmax > 300 ? 60 : 1
xname = xscale == 3600 ? 'h' : xscale == 60 ? 'min' : 's'
tscale = tunit(tmax)

autoh = 500 + keyh(nseries)
eval terminal
if (!exists("title")) title = sprintf("Latency over time (%s), %s", metric, src)
set title title
set xlabel sprintf("request start, %s since the run began", xname)
# a log axis when the latencies span more than a decade and a half
logy = tmax / tmin > 30
if (logy) {
	set logscale y 10
	set yrange [tmin * tscale / 1.3 : tmax * tscale * 1.3]
	eval ylabel(sprintf("%s, %s (log scale)", metric, tname))
	eval logtics('y', tmin * tscale / 1.3, tmax * tscale * 1.3)
} else {
	set yrange [0 : tmax * tscale * 1.1]
	eval ylabel(sprintf("%s, %s", metric, tname))
}
set xrange [-xmax / xscale * 0.02 : xmax / xscale * 1.02]
set format y "%g"
eval keybelow
# smaller points when there are many
ps = text ? 1 : nreq > 20000 ? 0.25 : nreq > 2000 ? 0.45 : 0.8

plot for [i = 1:nseries] in \
	using (column("t_start") / xscale):(strcol("series") eq names[i] && column("ok") == 1 ? column("t") * tscale : NaN) \
	with points pt sty_pt(i) ps ps lc rgb sty_lc(i) title names[i], \
     in using (column("t_start") / xscale):(column("ok") == 0 ? column("t") * tscale : NaN) \
	with points pt 2 ps 1.2 lw 2 lc rgb '#C00000' title sprintf("failed (%d)", nfail)
