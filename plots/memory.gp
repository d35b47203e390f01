# plots/memory.gp: the node's resident memory and CPU time during a
# profile, one sample a second, the profile's phases (add, cat, api,
# cache...) shaded apart, as ipfs-profile samples them.
#
#   gnuplot -e "in='memory.tsv'; out='memory.png'" plots/memory.gp
#
# in: TSV with the columns (ipfs-profile's memory.tsv)
#   t          seconds since the profile started
#   phase      what the profile was doing
#   rss_bytes  the node's resident memory
#   cpu_s      its CPU time so far (user and system), or '-'
# Parameters: those of lib.gp; src, when not given, is the base name of in.
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
load libdir(ARG0, strlen(ARG0)).'lib.gp'

stats in using "rss_bytes" nooutput
rmax = STATS_max
stats in using "t" nooutput
tmax = STATS_max > 0 ? STATS_max : 1
stats in using "cpu_s" nooutput
cmin = STATS_min
cmax = STATS_max > STATS_min ? STATS_max : STATS_min + 1

eval terminal
# the title names the records (src), or the base name of in, never its
# folders (ipfs-profile gives in by its absolute path)
if (!exists("title")) title = sprintf("The node's memory and CPU during the profile, %s", src eq in ? basename(in) : src)
set title title
set xlabel "seconds since the profile started"
eval ylabel("resident memory, MiB")
set y2label "CPU time used, s"
set yrange [0 : rmax / 1048576 * 1.15]
set y2range [0 : (cmax - cmin) * 1.15]
set xrange [0 : tmax]
set ytics nomirror
set y2tics
set format y "%g"
eval keybelow
# the phases: a label where each begins
ph = ''
do for [i = 0:STATS_records - 1] {
	stats in every ::i::i using (p = strcol("phase"), x = column("t")) nooutput
	if (p ne ph) { set arrow from x, graph 0 to x, graph 1 nohead dt 3 lc rgb '#808080'; \
		set label p at x, graph 0.97 offset 0.5, 0 left font ',9' tc rgb '#505050'; ph = p }
}
plot in using "t":(column("rss_bytes") / 1048576) with lines lw 2 lc rgb sty_lc(1) title "resident memory (RSS)", \
     in using "t":(column("cpu_s") - cmin) axes x1y2 with lines lw 2 dt 2 lc rgb sty_lc(2) title "CPU time (user + system)"
