# plots/compare.gp: before against after, a row per group: each side's
# median with its confidence interval (from prof-diff), the change and
# its verdict written at the right, significant changes in bold red.
#
#   prof-diff -o tsv before.tsv after.tsv | ipfs-plot compare -o cmp.png -
#   gnuplot -e "in='cmp.tsv'; out='cmp.png'; old='before'; new='after'" plots/compare.gp
#
# in: TSV with the columns
#   series  the group's label
#   median_old, ci_lo_old, ci_hi_old   the old side's median and interval
#   median_new, ci_lo_new, ci_hi_new   the new side's ('-' where absent)
#   change  the text at the right (change, verdict, p-value)
#   sig     1 where the change is significant, else 0
# Parameters: those of lib.gp, and metric (t_total): times (t_* and *_s)
# are drawn in ms or s, rates (*_per_s) in MB/s, ratios (*_ratio) in
# percent; old and new, the names of the sides (old, new).
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'
if (!exists("metric")) metric = 't_total'
if (!exists("old")) old = 'old'
if (!exists("new")) new = 'new'

# every value of a row, for the axis range
lo = 1e300; hi = -1e300
mn(a, b) = a == a && a < b ? a : b
mx(a, b) = a == a && a > b ? a : b
seen(x) = (lo = mn(x, lo), hi = mx(x, hi), 0)
# a number, or NaN for '-'
val(c) = strcol(c) eq '-' || strcol(c) eq '' ? NaN : real(strcol(c))
nci = 0
stats in using (addseries(strcol("series"), 1, 1), \
	seen(val("median_old")), seen(val("ci_lo_old")), seen(val("ci_hi_old")), \
	seen(val("median_new")), seen(val("ci_lo_new")), seen(val("ci_hi_new")), \
	nci = nci + (val("ci_lo_old") == val("ci_lo_old")) + (val("ci_lo_new") == val("ci_lo_new")), 0) nooutput
hi = hi > lo ? hi : lo * 2 + 1
ends(s, t) = strlen(s) >= strlen(t) && s[strlen(s) - strlen(t) + 1:] eq t
kind = metric[1:2] eq 't_' || ends(metric, '_s') && !ends(metric, '_per_s') ? 'time' : \
	ends(metric, '_per_s') ? 'rate' : ends(metric, '_ratio') ? 'ratio' : 'value'
if (kind eq 'time') { vscale = tunit(hi); vname = tname } else { if (kind eq 'ratio') { vscale = 100; vname = '%' } else { vscale = 1; vname = kind eq 'rate' ? 'MB/s' : '' } }
logx = lo > 0 && hi / lo > 20
autoh = 140 + 34 * nseries
autorows = 2 * nseries + 10

eval terminal
if (!exists("title")) title = sprintf(nci ? "%s: %s against %s%s, medians with their confidence intervals" : "%s: %s against %s%s", \
	metric, new, old, src ne old.' vs '.new && src ne in ? ' ('.src.')' : '')
set title title
eval centretitle
set xlabel sprintf("%s%s%s", metric, vname ne '' ? ', '.vname : '', logx ? ' (log scale)' : '')
unset ylabel
set yrange [nseries + 0.7 : 0.3]
set ytics ()
do for [i = 1:nseries] { set ytics add (names[i] i) }
set ytics scale 0 nomirror
unset mytics
if (!text) { set grid noytics xtics }
if (logx) {
	set logscale x 10
	set xrange [lo * vscale / 1.4 : hi * vscale * 1.4]
	eval logtics('x', lo * vscale / 1.4, hi * vscale * 1.4)
} else {
	set xrange [(lo > 0 ? 0 : lo * vscale * 1.1) : hi * vscale * 1.1]
}
# the change, right of the plot (x2 runs 0 to 1 across it)
set x2range [0:1]
unset x2tics
set rmargin text ? 30 : 34
eval keybelow
set key horizontal
y(s) = series_of(s)
d = 0.14

plot for [k = 1:(nci > 0)] in \
	using (val("median_old") * vscale):(val("ci_lo_old") == val("ci_lo_old") ? y(strcol("series")) - d : NaN):(val("ci_lo_old") * vscale):(val("ci_hi_old") * vscale) \
	with xerrorbars pt 6 ps 1.4 lw 1.5 lc rgb '#7F7F7F' notitle, \
     for [k = 1:(nci > 0)] in \
	using (val("median_new") * vscale):(val("ci_lo_new") == val("ci_lo_new") ? y(strcol("series")) + d : NaN):(val("ci_lo_new") * vscale):(val("ci_hi_new") * vscale) \
	with xerrorbars pt 7 ps 1.4 lw 1.5 lc rgb '#0072B2' notitle, \
     in using (val("median_old") * vscale):(y(strcol("series")) - d) with points pt 6 ps 1.4 lw 1.5 lc rgb '#7F7F7F' title old, \
     in using (val("median_new") * vscale):(y(strcol("series")) + d) with points pt 7 ps 1.4 lc rgb '#0072B2' title new, \
     in using (1):(y(strcol("series"))):(column("sig") == 1 ? '' : strcol("change")) \
	with labels left offset 1, 0 tc rgb '#404040' notitle axes x2y1, \
     in using (1):(y(strcol("series"))):(column("sig") == 1 ? strcol("change") : '') \
	with labels left offset 1, 0 tc rgb '#C00000' font 'Sans:Bold,10' notitle axes x2y1
