# plots/histogram.gp: the latency histogram of each series, one panel
# each on a common time axis (log scale when the times span more than a
# decade), the median drawn and written in each; hyperfine's histogram.
#
#   ipfs-plot histogram -o hist.png cat.tsv
#   gnuplot -e "in='hist.tsv'; out='hist.png'" plots/histogram.gp
#
# in: TSV with the columns
#   series  the panel's title (its rows together)
#   gi, pi  its group and source, numbered from 1 (styles; see lib.gp)
#   n       the series' requests
#   median  their median latency, seconds
#   lo, hi  a bin's bounds, seconds (the same bins in every series)
#   count   the requests in the bin
# Parameters: those of lib.gp, and metric, the name of the time (t_total).
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'
if (!exists("metric")) metric = 't_total'

array med[1000]
stats in using (addseries(strcol("series"), column("gi"), column("pi")), \
	med[series_of(strcol("series"))] = column("median"), column("lo")) nooutput
xmin = STATS_min
stats in using "hi" nooutput
xmax = STATS_max
stats in using "count" nooutput
cmax = STATS_max > 0 ? STATS_max : 1
tscale = tunit(xmax)
logx = xmin > 0 && xmax / xmin > 10
# a panel of 110 pixels per series
autoh = 90 + 110 * nseries
autorows = 7 * nseries + 6

eval terminal
if (!exists("title")) title = sprintf("Latency histogram (%s), %s", metric, src)
set multiplot layout nseries, 1 title title margins 0.1, 0.95, (text ? 0.12 : 70.0 / sizeh_(autoh)), (text ? 0.9 : 1 - 40.0 / sizeh_(autoh)) spacing 0, (text ? 0.06 : 0.12 * 110.0 / sizeh_(autoh) * nseries / (nseries + 0.01))
if (logx) { set logscale x 10 }
set xrange [xmin * tscale : xmax * tscale]
# room above the bars for the legend
set yrange [0 : cmax * 1.6]
# two or three labelled ticks: a step of 1, 2 or 5 times a power of 10
nice(x) = x <= 1 ? 1 : (10.0**floor(log10(x))) * (x / 10.0**floor(log10(x)) <= 2 ? 2 : x / 10.0**floor(log10(x)) <= 5 ? 5 : 10)
set ytics 0, nice(cmax / 2.5) nomirror
set key top right nobox noopaque
set style fill solid 0.6 border lc rgb '#202020'
unset mytics
do for [i = 1:nseries] {
	ticlabels = (i == nseries)
	if (logx) { eval logtics('x', xmin * tscale, xmax * tscale) } else { set format x (ticlabels ? '%g' : '') }
	if (i == nseries) { set xlabel sprintf("%s, %s%s", metric, tname, logx ? " (log scale)" : "") }
	if (i == (nseries + 1) / 2) { eval ylabel("requests") } else { unset ylabel; unset label 99 }
	unset arrow 1
	set arrow 1 from first med[i] * tscale, graph 0 to first med[i] * tscale, graph 1 nohead front lw 2 dt 2 lc rgb '#C00000'
	plot in using (strcol("series") eq names[i] ? (column("lo") + column("hi")) / 2 * tscale : NaN):"count": \
		(column("lo") * tscale):(column("hi") * tscale):(0):"count" \
		with boxxyerror fc rgb sty_lc(i) title names[i], \
	     NaN with lines lw 2 dt 2 lc rgb '#C00000' title sprintf("median %s", htime(med[i]))
}
unset multiplot
