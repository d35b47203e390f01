# plots/hit-rates.gp: where requests are served, a stacked bar per cache
# (policy and size, per trace or pattern): memory hits, disk hits and
# misses, in percent of the requests; a tiered cache's two tiers side by
# side with single-tier ones.
#
#   cache-sim -p lru,tiered:s3fifo/lru -s 64M -D 1G trace.txt | ipfs-plot hit-rates -o hits.png -
#   gnuplot -e "in='hits.tsv'; out='hits.png'" plots/hit-rates.gp
#
# in: TSV with the columns
#   series    the bar's label
#   requests  the requests simulated
#   mem, disk, miss   the shares of memory hits, disk hits and misses (0 to 1)
# Parameters: those of lib.gp.
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'

stats in using (addseries(strcol("series"), 1, 1), column("requests")) nooutput
autoh = 130 + 26 * nseries
autorows = 2 * nseries + 10

eval terminal
if (!exists("title")) title = sprintf("Cache hits by tier, %s", src)
set title title
eval centretitle
set xlabel "share of requests, %"
unset ylabel
set yrange [nseries + 0.6 : 0.4]
set ytics ()
do for [i = 1:nseries] { set ytics add (names[i] i) }
set ytics scale 0 nomirror
unset mytics
if (!text) { set grid noytics xtics }
set xrange [0:100]
set xtics 0, 20, 100
eval keybelow
set style fill solid 1.0 border lc rgb '#202020'
# dark to light: memory hits, disk hits, misses (light grey, hatched)
array hc[3] = ["#1B4F72", "#7FB3D5", "#E5E5E5"]
bh = text ? 0.01 : 0.34
y(s) = series_of(s)
m1(x) = column("mem") * 100
m2(x) = m1(0) + column("disk") * 100
m3(x) = m2(0) + column("miss") * 100
pct(x) = x >= 0.0995 ? sprintf("%.0f", x * 100) : sprintf("%.1f", x * 100)

plot in using (m1(0) / 2):(y(strcol("series"))):(0):(m1(0)):(y(strcol("series")) - bh):(y(strcol("series")) + bh) \
	with boxxyerror fc rgb hc[1] title "memory hits", \
     in using (m2(0)):(y(strcol("series"))):(m1(0)):(m2(0)):(y(strcol("series")) - bh):(y(strcol("series")) + bh) \
	with boxxyerror fc rgb hc[2] title "disk hits", \
     in using (m3(0)):(y(strcol("series"))):(m2(0)):(m3(0)):(y(strcol("series")) - bh):(y(strcol("series")) + bh) \
	with boxxyerror fc rgb hc[3] fs pattern 4 border lc rgb '#202020' title "misses", \
     in using (m1(0) / 2):(y(strcol("series"))):(column("mem") >= 0.06 ? pct(column("mem")) : '') \
	with labels tc rgb 'white' font ',9' notitle, \
     in using ((m1(0) + m2(0)) / 2):(y(strcol("series"))):(column("disk") >= 0.06 ? pct(column("disk")) : '') \
	with labels tc rgb 'black' font ',9' notitle, \
     in using ((m2(0) + m3(0)) / 2):(y(strcol("series"))):(column("miss") >= 0.06 ? pct(column("miss")) : '') \
	with labels tc rgb 'black' font ',9' notitle
