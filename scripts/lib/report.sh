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
	if "$@" >"$dir/$sec_f.txt" 2>"$dir/.sec.err"; then :
	elif grep -q "have no group in common" "$dir/.sec.err"; then
		# one iteration: every group is cold or warm, on one way only
		echo "(no group has both sides: too few iterations to compare)" >>"$dir/$sec_f.txt"
	else
		echo "$prog: $1 failed for \"$sec_title\": see $log" >&2
		rc=1
	fi
	cat "$dir/.sec.err" >>"$log"; rm -f "$dir/.sec.err"
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

# prom_text ROWS: the rows in Prometheus text exposition format
prom_text() {
	awk -F'\t' '
	function lab(s) { gsub(/[\\"]/, "\\\\&", s); return s }
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

# picture NAME FILE...: ipfs-plot NAME into NAME.png; a failure is said
picture() {
	pic=$1; shift
	ipfs-plot "$pic" -o "$dir/$pic.png" "$@" 2>>"$log" ||
		{ echo "$prog: the $pic picture failed: see $log" >&2; rc=1; }
}

report_all() {
	: >"$dir/summary.txt"
	node=$(curl -sf -X POST "$apiurl/api/v0/version" 2>/dev/null || echo '{}')
	impl=$(echo "$node" | jq -r 'if ."ipfs-core" then "js-ipfs \(.Version)" elif .Version then "Kubo \(.Version)" else "unknown" end')
	{
		echo "ipfs-profile of $apiurl ($impl), $(date -u -d "@$started" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u)"
		echo "label ${label:--}, $n iterations, sizes $sizes, tests $tests${workload:+, workload $workload}${provider:+, provider $provider}"
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
	caches=$(ls "$dir"/cache-*.tsv 2>/dev/null | grep -v cache-mrc)
	if [ -n "$caches" ]; then
		# shellcheck disable=SC2086
		section "Cache: a memory tier over a disk tier, where requests are served" cache cache_rates $caches
	fi
	has "$dir/calls.tsv" && section "API calls" api prof-diff -g op -m t_total "$dir/calls.tsv"
	ws=$(ls "$dir"/workload-*.tsv 2>/dev/null | while read -r f; do has "$f" && echo "$f"; done)
	if [ -n "$ws" ]; then
		# shellcheck disable=SC2086
		merge $ws >"$dir/workload.tsv"
		section "Workload $workload" workload prof-diff "$dir/workload.tsv"
	fi
	mem=
	if [ -n "$metrics" ] && [ "$(wc -l <"$dir/memory.tsv" 2>/dev/null || echo 0)" -gt 1 ]; then
		ops=$(grep -vc '^#' "$dir/profile.tsv" 2>/dev/null || echo 0)
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
		copt=
		[ -s "$dir/cache-mrc.tsv" ] && copt="-c $dir/cache-mrc.tsv"
		# shellcheck disable=SC2086
		section "Recommendations (tune-conf, a dry run: nothing was changed)" tune \
			tune-conf -q -p "$dir/profile.tsv" $copt $conn
		# shellcheck disable=SC2086
		tune-conf -q -j -p "$dir/profile.tsv" $copt $conn >"$dir/tune.jsonl" 2>>"$log" || :
	fi

	# one JSON document of the run
	args=
	for part in add cat-access cat-via api workload; do
		case $part in
		add) src=$dir/adds.tsv cmd="-c via=rpc,chunked -g op,size -m t_total,mb_per_s"
			has "$dir/add-chunked.tsv" || cmd="-g op,size -m t_total,mb_per_s" ;;
		cat-access) src=$dir/cat.tsv cmd="-c access=cold,warm -g op,via,size -m t_total"
			[ "$cold" -gt 0 ] || src=/nonexistent ;;
		cat-via) src=$dir/cat.tsv cmd="-c via=rpc,gateway,mfs -g op,size,access -m t_total,mb_per_s" ;;
		api) src=$dir/calls.tsv cmd="-g op -m t_total" ;;
		workload) src=$dir/workload.tsv cmd= ;;
		esac
		if has "$src"; then
			# shellcheck disable=SC2086
			prof-diff -j $cmd "$src" 2>/dev/null | jq -sc . >"$dir/.$part.json" || echo '[]' >"$dir/.$part.json"
		else
			echo '[]' >"$dir/.$part.json"
		fi
		args="$args --slurpfile r_$(echo "$part" | tr - _) $dir/.$part.json"
	done
	cache_json='[]'
	for cf in $caches; do
		cache_json=$(printf '%s\n%s\n' "$cache_json" "$(tsv2json "$cf" | jq -c --arg s "$(basename "$cf" .tsv)" 'map(. + {source: ($s | ltrimstr("cache-"))})')" | jq -sc 'add')
	done
	echo "$cache_json" >"$dir/.cache.json"
	jq -sc . "$dir/tune.jsonl" >"$dir/.tune.json" 2>/dev/null || echo '[]' >"$dir/.tune.json"
	memj=null
	[ -n "$mem" ] && set -- $mem && memj="{\"peak_rss_bytes\":$1,\"mean_rss_bytes\":$2,\"growth_bytes_per_op\":$3,\"cpu_seconds\":$4,\"samples\":$5}"
	# shellcheck disable=SC2086
	jq -n --arg api "$apiurl" --arg lbl "$label" --arg sizes "$sizes" --arg tests "$tests" \
		--arg workload "$workload" --argjson n "$n" --argjson started "$started" \
		--argjson node "$node" --arg impl "$impl" --argjson cold "$cold" \
		--arg provider "${provider_ma:-}" --arg coldnote "$coldnote" --argjson memory "$memj" \
		--slurpfile cache "$dir/.cache.json" --slurpfile tune "$dir/.tune.json" $args '{
		tool: "ipfs-profile", started: $started,
		parameters: {"api": $api, "label": $lbl, "iterations": $n, "file_sizes": ($sizes | split(",")),
			"tests": $tests, "workload": (if $workload == "" then null else $workload end)},
		node: ($node + {implementation: $impl}),
		cold_reads: {verified: $cold, provider: (if $provider == "" then null else $provider end), note: $coldnote},
		add: $r_add[0], cat_access: $r_cat_access[0], cat_via: $r_cat_via[0], api: $r_api[0],
		workload: $r_workload[0], cache: $cache[0], memory: $memory,
		recommendations: $tune[0]}' >"$dir/profiling_results.json" 2>>"$log" ||
		{ echo "$prog: profiling_results.json could not be written: see $log" >&2; rc=1; }
	rm -f "$dir"/.*.json

	# the pictures
	if [ -n "$plots" ]; then
		has "$dir/cat.tsv" && picture latency-cdf -g op,via,access "$dir/cat.tsv"
		if has "$dir/adds.tsv" || has "$dir/cat.tsv"; then	# records with sizes
			picture latency-size "$dir/profile.tsv"
			picture throughput-size "$dir/profile.tsv"
		fi
		[ -n "$metrics" ] && [ -s "$dir/profile.tsv" ] && picture phases "$dir/profile.tsv"
		# shellcheck disable=SC2086
		[ -n "$caches" ] && picture hit-rates $caches
		[ -s "$dir/cache-mrc.tsv" ] && picture mrc "$dir/cache-mrc.tsv"
		[ -n "$mem" ] && memory_picture "$dir/memory.tsv" "$dir/memory.png"
	fi

	# continuous profiling: a history row per group, a Prometheus textfile
	if [ -s "$dir/profile.tsv" ] && { [ -n "$history" ] || [ -n "$prom" ]; }; then
		history_rows "$dir/profile.tsv" >"$dir/history-rows.tsv"
		[ -n "$history" ] && { append_history "$history" "$dir/history-rows.tsv" || rc=1; }
		if [ -n "$prom" ]; then
			prom_text "$dir/history-rows.tsv" >"$prom.$$" && mv "$prom.$$" "$prom" ||
				{ rm -f "$prom.$$"; echo "$prog: cannot write $prom" >&2; rc=1; }
		fi
	fi

	[ -n "$quiet" ] || cat "$dir/summary.txt"
	[ -n "$quiet" ] || { echo; echo "The profile is in $dir"; }
	[ $rc -eq 0 ] || echo "$prog: some steps failed; what they made is in $dir, why in $log" >&2
}

# memory_picture TSV PNG: RSS (MiB) and CPU over the run, the phases named
memory_picture() {
	gp=$here/../plots/memory.gp
	[ -f "$gp" ] || gp=$here/../share/ipfsperf/plots/memory.gp
	gnuplot -e "in='$1'; out='$2'" "$gp" 2>>"$log" ||
		{ echo "$prog: the memory picture failed: see $log" >&2; rc=1; }
}
