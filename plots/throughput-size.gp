# plots/throughput-size.gp: throughput against payload size, in MB/s
# (10^6 bytes a second: size / t_total, as prof-diff's mb_per_s), a box
# and whiskers per series and size on log-log axes, a line joining each
# series' medians: where a node stops being latency-bound and becomes
# bandwidth-bound.
#
#   ipfs-plot throughput-size -o tput.png add.tsv cat.tsv
#   gnuplot -e "in='tput.tsv'; out='tput.png'" plots/throughput-size.gp
#
# in: TSV with the columns of plots/latency-size.gp, the quantiles
#   p5, q1, median, q3, p95 being MB/s.
# Parameters: those of lib.gp.
libdir(s, i) = i < 1 ? './' : s[i:i] eq '/' ? s[1:i] : libdir(s, i - 1)
rate = 1
load libdir(ARG0, strlen(ARG0)).'latency-size.gp'
