# plots/latency-size.gp: latency against payload size, a box and whiskers
# per series and size on log-log axes: the box spans the quartiles, the
# bar across it is the median, the whiskers reach p5 and p95; a line joins
# each series' medians. The legend's last entry says so, a grey box.
#
#   ipfs-plot latency-size -o size.png add.tsv
#   gnuplot -e "in='size.tsv'; out='size.png'" plots/latency-size.gp
#
# in: TSV with the columns
#   series   the legend of the series (its rows together, in size order)
#   gi, pi   its group and source, numbered from 1 (styles; see lib.gp)
#   size     the payload size, bytes
#   n        the requests of that series and size
#   p5, q1, median, q3, p95   their latency quantiles, seconds
# Parameters: those of lib.gp, and metric, the name of the time (t_total).
# plots/throughput-size.gp draws the same data in MB/s.
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'
if (!exists("metric")) metric = 't_total'
if (!exists("rate")) rate = 0

stats in using (addseries(strcol("series"), column("gi"), column("pi")), addval(column("size")), column("size")) nooutput
smin = STATS_min
smax = STATS_max
stats in using "p5" nooutput
vmin = STATS_min
stats in using "p95" nooutput
vmax = STATS_max
vmin = vmin > 0 ? vmin : vmax / 1000
vmax = vmax > vmin ? vmax : vmin * 10
if (rate) { vscale = 1; vname = 'MB/s' } else { vscale = tunit(vmax); vname = tname }

# the legend's last entry, what a box shows: in two lines when it would not
# fit across the picture (text's columns, or about 6.5 pixels a character)
boxkey = "box: p25 to p75, bar: median, whiskers: p5 to p95, line: medians"
boxbreak = strlen(boxkey) * (text ? 1 : 6.5) + (text ? 12 : 60) > sizew
boxkey1 = boxbreak ? "box: p25 to p75, bar: median," : boxkey
boxkey2 = "    whiskers: p5 to p95, line: medians"
autoh = 500 + keyh(nseries + 1 + boxbreak)
eval terminal
if (!exists("title")) title = rate ? sprintf("Throughput by payload size, %s", src) : \
	sprintf("Latency by payload size (%s), %s", metric, src)
set title title
set xlabel "payload size (log scale)"
set logscale x 2
set logscale y 10
# the series side by side around each size: a box is 1/(n+1) of a factor
# of 2 wide, the boxes spread over a factor of 2 at most
f = 2.0 ** (0.7 / (nseries > 1 ? nseries : 1))
off(i) = f ** (i - (nseries + 1) / 2.0)
hw = f ** 0.4
set xrange [smin / 2 : smax * 2]
set yrange [vmin * vscale / 1.5 : vmax * vscale * 1.5]
set format y "%g"
# ticks at the sizes of the data, or at powers of 2 when they are many
if (nvals <= 12) {
	set xtics ()
	do for [k = 1:nvals] { set xtics add (hsize(vals[k]) vals[k]) }
} else {
	eval bytetics('x', smin, smax)
}
eval logtics('y', vmin * vscale / 1.5, vmax * vscale * 1.5)
unset mxtics
if (rate) { eval ylabel("throughput, MB/s (log scale)") } \
else { eval ylabel(sprintf("%s, %s (log scale)", metric, tname)) }
eval keybelow
set style fill solid 0.35 border
set bars 0.5

plot for [i = 1:nseries] in \
	using (strcol("series") eq names[i] ? column("size") * off(i) : NaN):(column("median") * vscale) \
	with lines lw 1 lc rgb sty_lc(i) dt sty_dt(i) notitle, \
     for [i = 1:nseries] in \
	using (strcol("series") eq names[i] ? column("size") * off(i) : NaN):(column("median") * vscale): \
	      (column("p5") * vscale):(column("p95") * vscale) \
	with yerrorbars pt 0 lw 1 lc rgb sty_lc(i) notitle, \
     for [i = 1:nseries] in \
	using (strcol("series") eq names[i] ? column("size") * off(i) : NaN):(column("q1") * vscale): \
	      (column("size") * off(i) / hw):(column("size") * off(i) * hw):(column("q1") * vscale):(column("q3") * vscale) \
	with boxxyerror lc rgb sty_lc(i) fs solid 0.3 border lc rgb sty_lc(i) title names[i], \
     for [i = 1:nseries] in \
	using (strcol("series") eq names[i] ? column("size") * off(i) : NaN):(column("median") * vscale): \
	      (column("size") * off(i) / hw):(column("size") * off(i) * hw):(column("median") * vscale):(column("median") * vscale) \
	with boxxyerror lw 3 lc rgb sty_lc(i) fs empty border lc rgb sty_lc(i) notitle, \
     keyentry with boxes lc rgb '#909090' fs solid 0.3 border lc rgb '#606060' title boxkey1, \
     for [k = 1:boxbreak] keyentry with lines lt nodraw title boxkey2
