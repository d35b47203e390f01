# scripts/lib/memory.sh, sourced by ipfs-profile: sample the node's memory
# and CPU every second while the profile runs.
#
# memory_start API PID OUT PHASEFILE: start the sampler in the background
# (its pid in mempid). Sources, the first that answers: the node's
# Prometheus endpoint (API/debug/metrics/prometheus, as Kubo serves it:
# process_resident_memory_bytes, process_cpu_seconds_total), else /proc of
# the node's process when it is local (PID, or the process listening on
# the API's port). OUT gets TSV: ts t phase rss_bytes cpu_s source. The
# sampler ends when PHASEFILE is removed, or when it is killed.

# The pid of the local process listening on TCP port $1, or nothing.
memory_listener() {
	if command -v ss >/dev/null 2>&1; then
		ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
		return 0
	fi
	m_hex=$(printf '%04X' "$1")
	m_inode=$(awk -v p=":$m_hex" '$2 ~ p"$" && $4 == "0A" {print $10; exit}' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
	[ -n "$m_inode" ] || return 0
	for m_fd in /proc/[0-9]*/fd/*; do
		[ "$(readlink "$m_fd" 2>/dev/null)" = "socket:[$m_inode]" ] || continue
		m_fd=${m_fd#/proc/}; echo "${m_fd%%/*}"; return 0
	done
}

# One sample from /proc/PID: "rss_bytes cpu_seconds", or nothing.
memory_proc() {
	[ -r "/proc/$1/status" ] || return 0
	m_rss=$(awk '/^VmRSS:/ {print $2 * 1024}' "/proc/$1/status")
	# utime and stime: fields 14 and 15, counted after the ")" of comm
	m_cpu=$(sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($12 + $13) / hz}')
	echo "$m_rss $m_cpu"
}

# One sample from the Prometheus text of $1: "rss_bytes cpu_seconds".
memory_prom() {
	node_curl -sf -m 2 "$1/debug/metrics/prometheus" 2>/dev/null | awk '
		$1 == "process_resident_memory_bytes" {r = $2}
		$1 == "process_cpu_seconds_total" {c = $2}
		END {if (r != "") printf "%.0f %s\n", r, c == "" ? "-" : c}'
}

memory_start() {
	m_api=$1 m_pid=$2 m_out=$3 m_phase=$4
	printf 'ts\tt\tphase\trss_bytes\tcpu_s\tsource\n' >"$m_out"
	(
		# the source, found in the background: a scan of /proc takes seconds
		m_src=
		if [ -n "$(memory_prom "$m_api")" ]; then
			m_src=prometheus
		else
			if [ -z "$m_pid" ]; then
				case $m_api in
				http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*)
					m_port=${m_api##*:}; m_port=${m_port%%/*}
					m_pid=$(memory_listener "$m_port") ;;
				esac
			fi
			[ -n "$m_pid" ] && [ -n "$(memory_proc "$m_pid")" ] && m_src=proc:$m_pid
		fi
		if [ -z "$m_src" ]; then
			echo "ipfs-profile: no node metrics: no Prometheus endpoint at $m_api and no local node process (give --node-pid)" >&2
			exit 0
		fi
		m_t0=$(date +%s)
		while [ -f "$m_phase" ]; do
			case $m_src in
			prometheus) m_s=$(memory_prom "$m_api") ;;
			*) m_s=$(memory_proc "${m_src#proc:}") ;;
			esac
			[ -n "$m_s" ] || break	# the node is gone
			m_now=$(date +%s)
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$m_now" $((m_now - m_t0)) "$(cat "$m_phase" 2>/dev/null)" \
				${m_s% *} ${m_s#* } "$m_src" >>"$m_out"
			sleep 1
		done
	) &
	mempid=$!
}

# memory_ops FILE: how many operations the records of FILE are: its lines
# apart from comments, JSON metadata and the header (a header repeated by
# a concatenation is a header too)
memory_ops() {
	awk '/^#/ || /^\{"meta"/ {next} !h {h = $0; next} $0 != h {n++} END {print n + 0}' "$1" 2>/dev/null || echo 0
}

# memory_summary FILE OPS: "peak_bytes mean_bytes growth_bytes_per_op cpu_s samples"
memory_summary() {
	awk -F'\t' -v ops="$2" 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next}
		{n++; r = $c["rss_bytes"]; if (n == 1) {r0 = r; c0 = $c["cpu_s"]}; if (r > peak) peak = r; sum += r; last = r; cl = $c["cpu_s"]}
		END {if (!n) exit; printf "%.0f %.0f %.1f %.2f %d\n", peak, sum / n, ops ? (last - r0) / ops : 0,
			(cl == "-" || c0 == "-") ? 0 : cl - c0, n}' "$1"
}
