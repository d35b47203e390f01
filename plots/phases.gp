# plots/phases.gp: where the time of a request goes, a stacked bar per
# series: name lookup, TCP connect, from the request to the first byte of
# the response (sending the body and the node's work), and the transfer of
# the body; means over the series' successful requests, so the bar's
# length is the mean latency.
#
#   ipfs-plot phases -o phases.png add.tsv cat.tsv
#   gnuplot -e "in='phases.tsv'; out='phases.png'" plots/phases.gp
#
# in: TSV with the columns
#   series  the bar's label
#   n       its requests
#   dns, connect, wait, transfer   the mean of each phase, seconds
#   total   the mean latency (t_total), seconds
# Parameters: those of lib.gp.
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'

stats in using (addseries(strcol("series"), 1, 1), column("total")) nooutput
tscale = tunit(STATS_max)
tmax = STATS_max > 0 ? STATS_max : 1
# a bar of 26 pixels per series
autoh = 130 + 26 * nseries
autorows = 2 * nseries + 10

eval terminal
if (!exists("title")) title = sprintf("Where the time goes: the mean phases of a request, %s", src)
set title title
eval centretitle
set xlabel sprintf("mean time per request, %s", tname)
unset ylabel
set yrange [nseries + 0.6 : 0.4]
set ytics 1 scale 0 nomirror
set ytics ()
do for [i = 1:nseries] { set ytics add (names[i] i) }
unset mytics
if (!text) { set grid noytics xtics }
set xrange [0 : tmax * tscale * 1.2]
eval keybelow
set key horizontal
set style fill solid 1.0 border lc rgb '#202020'
# phase colours: a ramp from dark to light, told apart in greyscale
array pc[4] = ["#26456E", "#2C7FB8", "#7FCDBB", "#EDF8B1"]
array pn[4] = ["name lookup", "TCP connect", "request to first byte", "body transfer"]
bh = text ? 0.01 : 0.34
y(s) = series_of(s)
c1(x) = column("dns") * tscale
c2(x) = c1(0) + column("connect") * tscale
c3(x) = c2(0) + column("wait") * tscale
c4(x) = c3(0) + column("transfer") * tscale

plot in using (c1(0) / 2):(y(strcol("series"))):(0):(c1(0)):(y(strcol("series")) - bh):(y(strcol("series")) + bh) \
	with boxxyerror fc rgb pc[1] title pn[1], \
     in using (c2(0)):(y(strcol("series"))):(c1(0)):(c2(0)):(y(strcol("series")) - bh):(y(strcol("series")) + bh) \
	with boxxyerror fc rgb pc[2] title pn[2], \
     in using (c3(0)):(y(strcol("series"))):(c2(0)):(c3(0)):(y(strcol("series")) - bh):(y(strcol("series")) + bh) \
	with boxxyerror fc rgb pc[3] title pn[3], \
     in using (c4(0)):(y(strcol("series"))):(c3(0)):(c4(0)):(y(strcol("series")) - bh):(y(strcol("series")) + bh) \
	with boxxyerror fc rgb pc[4] title pn[4], \
     in using (c4(0)):(y(strcol("series"))):(sprintf(" %s", htime(column("total")))) \
	with labels left font ',9' notitle
