# needs: node
# Timing tools: client overhead against curl, timing accuracy against a
# fixed server delay, and peak memory. Ratios, not verdicts.
. "$(dirname "$0")/../lib.sh"
faultd_start
N=${BENCH_CALLS:-2000}
R=${BENCH_REPEAT:-5}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
wall() {	# wall seconds of a command
	local t0 t1
	t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}

# 1. Client overhead: N sequential version calls, ipfs-time-cat vs one curl
# process fetching the same N URLs over one reused connection.
url="$IPFS_API/api/v0/version"
for i in $(seq "$N"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done >"$T/curl.cfg"
for i in $(seq "$R"); do
	wall curl -s -X POST -K "$T/curl.cfg" >>"$T/curl.t"
	wall ipfs-time-cat -q -n "$N" -w 0 --call version >>"$T/itc.t"
done
c=$(median <"$T/curl.t"); t=$(median <"$T/itc.t")
printf 'overhead: %d sequential version calls, median of %d runs: curl %.3f s, ipfs-time-cat %.3f s, ratio %.3f (target <= 1.1)\n' \
	"$N" "$R" "$c" "$t" "$(echo "$t / $c" | bc -l)"

# 2. Accuracy: a loopback server answering after 50 ms.
# curl's own time_total against the same server is the reference.
ipfs-time-cat -q -n 200 -w 1 --api "$FAULTD/delay-50" --call version >"$T/acc.tsv"
m=$(col "$T/acc.tsv" t_total | median)
for i in $(seq 200); do printf 'url = "%s"\noutput = "/dev/null"\nwrite-out = "%%{time_total}\\n"\n' "$FAULTD/delay-50/api/v0/version"; done >"$T/acc.cfg"
cm=$(curl -s -X POST -K "$T/acc.cfg" | median)
printf 'accuracy: 200 calls to a server that answers after 50 ms: median t_total %.6f s, error %+.3f ms (target within 1 ms); curl time_total %.6f s\n' \
	"$m" "$(echo "($m - 0.05) * 1000" | bc -l)" "$cm"

# 3. Peak RSS: a 4 GiB streamed add, and 100000 small adds.
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
k=$(rss ipfs-time-add -q -w 0 -n 1 -s 4G --no-pin)
printf 'memory: ipfs-time-add -s 4G -n 1: peak RSS %.1f MiB (target < 16)\n' "$(echo "$k / 1024" | bc -l)"
k=$(rss ipfs-time-add -q -w 0 -n "${BENCH_SMALL:-100000}" -s 1k -c 4 --no-pin)
printf 'memory: ipfs-time-add -n %d -s 1k -c 4: peak RSS %.1f MiB (target < 16)\n' "${BENCH_SMALL:-100000}" "$(echo "$k / 1024" | bc -l)"
