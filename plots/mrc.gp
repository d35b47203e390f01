# plots/mrc.gp: miss-ratio curves, a line per policy (and per file) on a
# log capacity axis, in bytes or objects, the target hit ratio drawn
# across and the smallest capacity reaching it written on each curve that
# does: how much cache a hit ratio needs.
#
#   cache-sim --mrc trace.txt | ipfs-plot mrc -o mrc.png -
#   gnuplot -e "in='mrc.tsv'; out='mrc.png'; unit='bytes'" plots/mrc.gp
#
# in: TSV with the columns
#   series      the legend of the curve (its rows together, by capacity)
#   gi, pi      its group and source, numbered from 1 (styles; see lib.gp)
#   capacity    a cache size, in the unit
#   miss_ratio  the share of requests that miss at that size (0 to 1)
# Parameters: those of lib.gp; unit, bytes or objects (bytes); target,
# the hit ratio to reach (0.9); metric, the ratio drawn (miss_ratio, or
# byte_miss_ratio: the share of bytes), for the axis label.
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'
if (!exists("unit")) unit = 'bytes'
if (!exists("target")) target = 0.9
if (!exists("metric")) metric = 'miss_ratio'

# reach[i]: the smallest capacity of series i whose miss ratio is at most
# 1 - target (0: none)
array reach[1000]
array reachm[1000]
array rowsof[1000]
do for [k = 1:1000] { reach[k] = 0; rowsof[k] = 0 }
goal = 1 - target
upd(i, c, m) = (rowsof[i] = rowsof[i] + 1) * 0 + m <= goal + 1e-12 && (reach[i] == 0 || c < reach[i]) ? (reach[i] = c, reachm[i] = m, 0) : 0
stats in using (addseries(strcol("series"), column("gi"), column("pi")), \
	upd(series_of(strcol("series")), column("capacity"), column("miss_ratio")), column("capacity")) nooutput
cmin = STATS_min > 0 ? STATS_min : 1
cmax = STATS_max > cmin ? STATS_max : cmin * 10
stats in using "miss_ratio" nooutput
mtop = STATS_max
autoh = 500 + keyh(nseries)
nreach = 0
do for [i = 1:nseries] { if (reach[i] > 0) { nreach = nreach + 1 } }

eval terminal
what = metric eq 'byte_miss_ratio' ? 'byte miss ratio' : 'miss ratio'
if (!exists("title")) title = sprintf("Miss-ratio curves, %s", src)
set title title
set xlabel sprintf("cache capacity, %s (log scale)", unit eq 'objects' ? 'objects' : 'bytes')
eval ylabel(sprintf("%s, %% of %s", what, metric eq 'byte_miss_ratio' ? 'bytes' : 'requests'))
set logscale x 2
set xrange [cmin / 1.5 : cmax * 1.5]
if (unit eq 'objects') { set logscale x 10; eval counttics('x', cmin / 1.5, cmax * 1.5) } \
else { eval bytetics('x', cmin / 1.5, cmax * 1.5) }
set yrange [0 : (mtop > goal ? mtop : goal) * 100 * 1.05 + 1]
eval keybelow
set arrow 1 from graph 0, first goal * 100 to graph 1, first goal * 100 nohead front lw 1.5 dt 2 lc rgb '#C00000'
set label 1 sprintf("target: %g%% hits%s", target * 100, nreach ? "" : ", reached by no curve") \
	at graph 0, first goal * 100 offset 1, 0.7 left front tc rgb '#C00000'

hcap(c) = unit eq 'objects' ? hcount(c).' objects' : hsize(c)
# the capacities reaching the target: a ring on each curve, and a list
# at the top right, where miss-ratio curves leave room
reached = sprintf("smallest capacity for %g%% hits:", target * 100)
do for [i = 1:nseries] {
	if (reach[i] > 0) {
		set object 100 + i circle at first reach[i], first reachm[i] * 100 size screen 0.012 front \
			fs empty border lc rgb sty_lc(i) lw 2
		reached = reached . sprintf("\n%s: %s", names[i], hcap(reach[i]))
	}
}
if (nreach > 0) { set label 2 reached at graph 0.98, graph 0.96 right front font ',9' }
# curves that coincide (policies with the same miss ratios) stay visible:
# the later, drawn over, are thinner and their points smaller (lib.gp)
plot for [i = 1:nseries] in \
	using (strcol("series") eq names[i] ? column("capacity") : NaN):(column("miss_ratio") * 100) \
	with linespoints lw sty_lw(i, 1.3, 2.8) pt sty_pt(i) ps (text ? 1 : sty_ps(i, 0.6, 1.2)) \
	pi (rowsof[i] > 25 ? ceil(rowsof[i] / 12.0) : 1) lc rgb sty_lc(i) dt sty_dt(i) \
	title names[i]
