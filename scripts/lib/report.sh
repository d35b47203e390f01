# scripts/lib/report.sh, sourced by ipfs-profile: from the folder's record
# files to summary.txt, profiling_results.json, the pictures, and the
# history row and Prometheus textfile when asked. Every figure comes from
# prof-diff (medians with their 95% intervals), cache-sim or tune-conf.

# TSV records (comments and a metadata line skipped) to a JSON array.
tsv2json() {
	grep -v '^#' "$1" | jq -Rsc 'split("\n") | map(select(length > 0) | split("\t")) |
		if length == 0 then [] else .[0] as $h | .[1:] | map([$h, .] | transpose |
		map({(.[0]): (.[1] | if . == "-" then null else (tonumber? // .) end)}) | add) end'
}

# section TITLE FILE CMD...: a titled part of summary.txt from CMD's output
section() {
	sec_title=$1 sec_f=$2; shift 2
	{ echo; echo "== $sec_title"; echo; } >>"$dir/summary.txt"
	if "$@" >"$dir/$sec_f.txt" 2>"$work/sec.err"; then :
	elif grep -q "have no group in common" "$work/sec.err"; then
		# one iteration: every group is cold or warm, on one way only
		echo "(no group has both sides: too few iterations to compare)" >>"$dir/$sec_f.txt"
	else
		echo "$prog: $1 failed for \"$sec_title\": see $log" >&2
		rc=1
	fi
	cat "$work/sec.err" >>"$log"
	cat "$dir/$sec_f.txt" >>"$dir/summary.txt"
}

# has FILE: the file has records
has() { [ -s "$1" ] && [ "$(grep -vc '^#' "$1")" -gt 1 ]; }

# cache_rates FILE...: source, policy, sizes and where requests were served
cache_rates() {
	printf '%-14s %-18s %10s %10s %8s %8s %8s\n' source policy memory disk mem_hit disk_hit miss
	for cr_f in "$@"; do
		cr_src=$(basename "$cr_f" .tsv); cr_src=${cr_src#cache-}
		awk -F'\t' -v src="$cr_src" '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
			{r = $c["requests"]; if (r == 0) next
			 printf "%-14s %-18s %10s %10s %7.2f%% %7.2f%% %7.2f%%\n", src, $c["policy"], $c["capacity"],
			 $c["disk_capacity"], 100 * $c["mem_hits"] / r, 100 * $c["disk_hits"] / r, 100 * $c["misses"] / r}' "$cr_f"
	done
}

# history_rows FILE: one row per group: ts label op via size access n median p90 p99 mb_per_s
history_rows() {
	prof-diff -o tsv -g label,op,via,size,access -m t_total,mb_per_s "$1" 2>/dev/null | awk -F'\t' -v OFS='\t' -v ts="$started" '
		!h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
		{k = $c["label"] SUBSEP $c["op"] SUBSEP $c["via"] SUBSEP $c["size"] SUBSEP $c["access"]}
		$c["metric"] == "t_total" {order[++n] = k; row[k] = $c["label"] OFS $c["op"] OFS $c["via"] OFS $c["size"] OFS $c["access"] OFS $c["n"] OFS $c["median"] OFS $c["p90"] OFS $c["p99"]}
		$c["metric"] == "mb_per_s" {mb[k] = $c["median"]}
		END {for (i = 1; i <= n; i++) {k = order[i]; print ts, row[k], (k in mb ? mb[k] : "-")}}'
}

# append_history FILE ROWS: append under a lock, atomically: the new history
# is written beside the old one and renamed over it, so a killed run leaves
# the old one whole and two runs at once both land
append_history() {
	h=$1 rows=$2
	(
		flock -w 120 9 || { echo "$prog: --append: $h.lock is held by another run" >&2; exit 1; }
		tmp=$(mktemp "$h.XXXXXX") || exit 1
		if [ -s "$h" ]; then cat "$h" >"$tmp"; else
			printf 'ts\tlabel\top\tvia\tsize\taccess\tn\tmedian\tp90\tp99\tmb_per_s\n' >"$tmp"; fi
		cat "$rows" >>"$tmp" && chmod 644 "$tmp" && mv "$tmp" "$h" || { rm -f "$tmp"; exit 1; }
	) 9>>"$h.lock"
}

# prom_text ROWS: the rows in Prometheus text exposition format. A field of
# ROWS is TSV-escaped (\t \n \r \\); lab() undoes that and escapes the
# value once, as the format says: backslash as \\, double quote as \", newline
# as \n (a tab or carriage return stays as it is).
prom_text() {
	awk -F'\t' '
	function lab(s,   o, i, n, ch) {
		o = ""; n = length(s)
		for (i = 1; i <= n; i++) {
			ch = substr(s, i, 1)
			if (ch == "\\" && i < n) {
				ch = substr(s, ++i, 1)
				ch = ch == "t" ? "\t" : ch == "n" ? "\n" : ch == "r" ? "\r" : ch
			}
			o = o (ch == "\\" ? "\\\\" : ch == "\"" ? "\\\"" : ch == "\n" ? "\\n" : ch)
		}
		return o
	}
	BEGIN {
		print "# HELP ipfsperf_request_duration_seconds Percentiles (50, 90, 99) of t_total per group, from the last ipfs-profile run."
		print "# TYPE ipfsperf_request_duration_seconds gauge"
	}
	{
		l = sprintf("label=\"%s\",op=\"%s\",via=\"%s\",size=\"%s\",access=\"%s\"", lab($2), lab($3), lab($4), lab($5), lab($6))
		d[++n] = sprintf("ipfsperf_request_duration_seconds{%s,percentile=\"50\"} %s\nipfsperf_request_duration_seconds{%s,percentile=\"90\"} %s\nipfsperf_request_duration_seconds{%s,percentile=\"99\"} %s", l, $8, l, $9, l, $10)
		c[n] = sprintf("ipfsperf_requests{%s} %s", l, $7)
		if ($11 != "-") t[n] = sprintf("ipfsperf_throughput_bytes_per_second{%s} %.0f", l, $11 * 1e6)
		ts = $1
	}
	END {
		for (i = 1; i <= n; i++) print d[i]
		print "# HELP ipfsperf_requests Successful requests per group in the last run."
		print "# TYPE ipfsperf_requests gauge"
		for (i = 1; i <= n; i++) print c[i]
		print "# HELP ipfsperf_throughput_bytes_per_second Median throughput per group in the last run."
		print "# TYPE ipfsperf_throughput_bytes_per_second gauge"
		for (i = 1; i <= n; i++) if (i in t) print t[i]
		print "# HELP ipfsperf_last_run_timestamp_seconds When the last run started."
		print "# TYPE ipfsperf_last_run_timestamp_seconds gauge"
		printf "ipfsperf_last_run_timestamp_seconds %s\n", ts
	}' "$1"
}

# with_files PATTERN CMD...: CMD with the files of $dir matching PATTERN
# that have records appended (cache-mrc* left out of cache-*); status 1,
# CMD not run, when there are none
with_files() {
	wf_p=$1 wf_n=$#; shift
	for wf_f in "$dir"/$wf_p; do
		case ${wf_f##*/} in cache-mrc*) [ "$wf_p" = "cache-*.tsv" ] && continue ;; esac
		[ -f "$wf_f" ] && has "$wf_f" && set -- "$@" "$wf_f"
	done
	[ $# -ge $wf_n ] || return 1
	"$@"
}

# gp_str STRING: STRING as a gnuplot string constant, never code: single-
# quoted pieces without a quote in them, joined by "\047" and "\n" (gnuplot
# reads '' at the start of a string as an empty string, and runs `...` in
# double quotes; a quote character inside double quotes makes its macro
# scan take what follows for unquoted, so that an @name in a later string
# is expanded)
gp_str() {
	GP_S=$1 awk 'BEGIN { s = ENVIRON["GP_S"]; q = sprintf("%c", 39); o = q
		n = split(s, l, "\n")
		for (i = 1; i <= n; i++) {
			m = split(l[i], p, q)
			for (j = 1; j <= m; j++) o = o (j > 1 ? q ".\"\\047\"." q : "") p[j]
			if (i < n) o = o q ".\"\\n\"." q
		}
		print o q }'
}

# picture NAME FILE...: ipfs-plot NAME into NAME.png; a failure is said
picture() {
	pic=$1; shift
	ipfs-plot "$pic" -o "$dir/$pic.png" "$@" 2>>"$log" ||
		{ echo "$prog: the $pic picture failed: see $log" >&2; rc=1; }
}

report_all() {
	: >"$dir/summary.txt"
	node=$(node_curl -sf -X POST "$apiurl/api/v0/version" 2>/dev/null | jq -ce 'objects' 2>/dev/null || echo '{}')
	impl=$(echo "$node" | jq -r 'if ."ipfs-core" then "js-ipfs \(.Version)" elif .Version then "Kubo \(.Version)" else "unknown" end')
	{
		echo "ipfs-profile of $(url_redact "$apiurl") ($impl), $(date -u -d "@$started" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u)"
		echo "label ${label:--}, $n iterations, sizes $sizes, tests $tests${workload:+, workload $workload}${provider:+, provider $(url_redact "$provider")}"
	} >>"$dir/summary.txt"
	cold=0 coldnote=

	if has "$dir/add-rpc.tsv" && has "$dir/add-chunked.tsv"; then
		merge "$dir/add-rpc.tsv" "$dir/add-chunked.tsv" >"$dir/adds.tsv"
		section "Adding content: plain add (RPC) against chunked (chunk-put's upload), per size" add \
			prof-diff -c via=rpc,chunked -g op,size -m t_total,mb_per_s "$dir/adds.tsv"
	elif has "$dir/add-rpc.tsv"; then
		cp "$dir/add-rpc.tsv" "$dir/adds.tsv"
		section "Adding content, per size" add prof-diff -g op,size -m t_total,mb_per_s "$dir/adds.tsv"
	fi
	if has "$dir/add-chunked.tsv" && has "$dir/add-car.tsv"; then
		merge "$dir/add-chunked.tsv" "$dir/add-car.tsv" >"$dir/uploads.tsv"
		section "Large adds: chunk-put's block upload against its CAR upload" upload \
			prof-diff -c mode=block,car -g op,size -m t_total,mb_per_s "$dir/uploads.tsv"
	fi
	if has "$dir/cat.tsv"; then
		set -- $(awk -F'\t' '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
			$c["warmup"] == 1 {next}
			{a[$c["access"]]++} $c["access"] == "cold" && $c["ok"] == 1 {k++}
			END {print a["cold"] + 0, k + 0, a["warm"] + 0, a["-"] + 0}' "$dir/cat.tsv")
		cold=$1
		if [ "$cold" -gt 0 ]; then
			coldnote="cold reads: $cold verified ($2 ok): before each, this node's copy was removed (block/rm) and checked gone, then fetched from ${provider_ma:-another node} over bitswap"
			section "Reading content: first access (cold) against later ones (warm)" cat-access \
				prof-diff -c access=cold,warm -g op,via,size -m t_total "$dir/cat.tsv"
		elif [ -n "$provider" ]; then
			coldnote="cold reads: none verified although --provider was given: $3 warm, $4 unchecked (-); why is in $log (pinned content cannot be evicted)"
			section "Reading content: first access (cold) against later ones (warm)" cat-access echo "(no cold reads to compare)"
		elif [ "$4" -gt 0 ]; then
			coldnote="cold reads: none: $3 reads warm (checked), $4 unchecked (-); give --provider URL, a second node, for cold reads"
			section "Reading content: first access (cold) against later ones (warm)" cat-access echo "(no cold reads to compare)"
		else
			coldnote="cold reads: none: every block read was already on this node (checked), so every read is warm; give --provider URL, a second node, for cold reads"
			section "Reading content: first access (cold) against later ones (warm)" cat-access echo "(no cold reads to compare)"
		fi
		echo "$coldnote" >>"$dir/summary.txt"
		section "Reading content: RPC API against the gateway and the filesystem API (MFS)" cat-via \
			prof-diff -c via=rpc,gateway,mfs -g op,size,access -m t_total,mb_per_s "$dir/cat.tsv"
	fi
	caches=
	with_files 'cache-*.tsv' true && caches=1
	[ -n "$caches" ] && with_files 'cache-*.tsv' section "Cache: a memory tier over a disk tier, where requests are served" cache cache_rates
	has "$dir/calls.tsv" && section "API calls" api prof-diff -g op -m t_total "$dir/calls.tsv"
	if with_files 'workload-*.tsv' merge >"$work/workload.tsv"; then
		mv "$work/workload.tsv" "$dir/workload.tsv"
		section "Workload $workload" workload prof-diff "$dir/workload.tsv"
	fi
	mem=
	if [ -n "$metrics" ] && [ "$(wc -l <"$dir/memory.tsv" 2>/dev/null || echo 0)" -gt 1 ]; then
		ops=$(memory_ops "$dir/profile.tsv")
		mem=$(memory_summary "$dir/memory.tsv" "$ops")
		set -- $mem
		{
			echo; echo "== The node's memory and CPU ($(awk -F'\t' 'NR == 2 {print $NF}' "$dir/memory.tsv"), $5 samples, one a second)"; echo
			awk -v p="$1" -v m="$2" -v g="$3" -v c="$4" -v o="$ops" 'BEGIN {
				printf "peak RSS %.1f MiB, mean %.1f MiB, growth %.0f bytes per operation (%d operations), CPU %.2f s\n",
				    p / 1048576, m / 1048576, g, o, c}'
		} >>"$dir/summary.txt"
	fi
	if [ -s "$dir/profile.tsv" ]; then
		set -- -q -p "$dir/profile.tsv"
		[ -s "$dir/cache-mrc.tsv" ] && set -- "$@" -c "$dir/cache-mrc.tsv"
		section "Recommendations (tune-conf, a dry run: nothing was changed)" tune tune-conf "$@"
		tune-conf -j "$@" >"$dir/tune.jsonl" 2>>"$log" || :
	fi

	# one JSON document of the run
	for part in add cat-access cat-via api workload; do
		case $part in
		add) if has "$dir/add-chunked.tsv"; then set -- "$dir/adds.tsv" -c via=rpc,chunked -g op,size -m t_total,mb_per_s
			else set -- "$dir/adds.tsv" -g op,size -m t_total,mb_per_s; fi ;;
		cat-access) set -- "$dir/cat.tsv" -c access=cold,warm -g op,via,size -m t_total
			[ "$cold" -gt 0 ] || set -- /nonexistent ;;
		cat-via) set -- "$dir/cat.tsv" -c via=rpc,gateway,mfs -g op,size,access -m t_total,mb_per_s ;;
		api) set -- "$dir/calls.tsv" -g op -m t_total ;;
		workload) set -- "$dir/workload.tsv" ;;
		esac
		if has "$1"; then
			src=$1; shift
			prof-diff -j "$@" "$src" 2>/dev/null | jq -sc . >"$work/$part.json" || echo '[]' >"$work/$part.json"
		else
			echo '[]' >"$work/$part.json"
		fi
	done
	echo '[]' >"$work/cache.json"
	cache_json() {
		for cf in "$@"; do
			tsv2json "$cf" | jq -c --arg s "$(basename "$cf" .tsv)" 'map(. + {source: ($s | ltrimstr("cache-"))})'
		done | jq -sc 'add // []' >"$work/cache.json"
	}
	[ -n "$caches" ] && with_files 'cache-*.tsv' cache_json
	jq -sc . "$dir/tune.jsonl" >"$work/tune.json" 2>/dev/null || echo '[]' >"$work/tune.json"
	memj=null
	[ -n "$mem" ] && set -- $mem && memj="{\"peak_rss_bytes\":$1,\"mean_rss_bytes\":$2,\"growth_bytes_per_op\":$3,\"cpu_seconds\":$4,\"samples\":$5}"
	jq -n --arg api "$(url_redact "$apiurl")" --arg lbl "$label" --arg sizes "$sizes" --arg tests "$tests" \
		--arg workload "$workload" --argjson n "$n" --argjson started "$started" \
		--argjson node "$node" --arg impl "$impl" --argjson cold "$cold" \
		--arg provider "${provider_ma:-}" --arg coldnote "$coldnote" --argjson memory "$memj" \
		--slurpfile cache "$work/cache.json" --slurpfile tune "$work/tune.json" \
		--slurpfile r_add "$work/add.json" --slurpfile r_cat_access "$work/cat-access.json" \
		--slurpfile r_cat_via "$work/cat-via.json" --slurpfile r_api "$work/api.json" \
		--slurpfile r_workload "$work/workload.json" '{
		tool: "ipfs-profile", started: $started,
		parameters: {"api": $api, "label": $lbl, "iterations": $n, "file_sizes": ($sizes | split(",")),
			"tests": $tests, "workload": (if $workload == "" then null else $workload end)},
		node: ($node + {implementation: $impl}),
		cold_reads: {verified: $cold, provider: (if $provider == "" then null else $provider end), note: $coldnote},
		add: $r_add[0], cat_access: $r_cat_access[0], cat_via: $r_cat_via[0], api: $r_api[0],
		workload: $r_workload[0], cache: $cache[0], memory: $memory,
		recommendations: $tune[0]}' >"$dir/profiling_results.json" 2>>"$log" ||
		{ echo "$prog: profiling_results.json could not be written: see $log" >&2; rc=1; }

	# the pictures
	if [ -n "$plots" ]; then
		has "$dir/cat.tsv" && picture latency-cdf -g op,via,access "$dir/cat.tsv"
		if has "$dir/adds.tsv" || has "$dir/cat.tsv"; then	# records with sizes
			picture latency-size "$dir/profile.tsv"
			picture throughput-size "$dir/profile.tsv"
		fi
		[ -n "$metrics" ] && [ -s "$dir/profile.tsv" ] && picture phases "$dir/profile.tsv"
		[ -n "$caches" ] && with_files 'cache-*.tsv' picture hit-rates
		[ -s "$dir/cache-mrc.tsv" ] && picture mrc "$dir/cache-mrc.tsv"
		[ -n "$mem" ] && memory_picture "$dir/memory.tsv" "$dir/memory.png"
	fi

	# continuous profiling: a history row per group, a Prometheus textfile
	if [ -s "$dir/profile.tsv" ] && { [ -n "$history" ] || [ -n "$prom" ]; }; then
		history_rows "$dir/profile.tsv" >"$dir/history-rows.tsv"
		[ -n "$history" ] && { append_history "$history" "$dir/history-rows.tsv" || rc=1; }
		if [ -n "$prom" ]; then
			# a new file beside it (mktemp: never an existing name, so no
			# planted link is followed), then renamed over it
			ptmp=$(mktemp "$(dirname "$prom")/.$(basename "$prom").XXXXXX") &&
				prom_text "$dir/history-rows.tsv" >"$ptmp" && chmod 644 "$ptmp" && mv -f "$ptmp" "$prom" ||
				{ [ -n "${ptmp:-}" ] && rm -f "$ptmp"; echo "$prog: cannot write $prom" >&2; rc=1; }
		fi
	fi

	[ -n "$quiet" ] || cat "$dir/summary.txt"
	[ -n "$quiet" ] || { echo; echo "The profile is in $dir"; }
	[ $rc -eq 0 ] || echo "$prog: some steps failed; what they made is in $dir, why in $log" >&2
}

# memory_picture TSV PNG: RSS (MiB) and CPU over the run, the phases named;
# the title names the file by its base name and the run's label, as
# ipfs-plot names the other pictures' records
memory_picture() {
	gp=$here/../plots/memory.gp
	[ -f "$gp" ] || gp=$here/../share/ipfsperf/plots/memory.gp
	gnuplot -e "in=$(gp_str "$1"); out=$(gp_str "$2"); src=$(gp_str "$(basename "$1")${label:+ ($label)}")" "$gp" 2>>"$log" ||
		{ echo "$prog: the memory picture failed: see $log" >&2; rc=1; }
}
