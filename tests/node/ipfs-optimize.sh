# ipfs-optimize against the real node: a dry run leaves config/show byte
# for byte as it was; a patch of restart-only keys without --restart-cmd
# applies nothing; apply -> measure -> revert puts config/show back byte for
# byte, the revert made certain by the numbers (a new profile of one
# iteration a group can never be significantly faster: Mann-Whitney's
# smallest p for 1 sample against 24 is 2/25), or by a comparison with
# nothing in common; --restart-cmd runs after the apply and after the
# revert (it snapshots config/show, so the change is seen applied, then
# undone); --keep-if always keeps, and --revert undoes; bad arguments exit
# 2 before any request. The node is shared: its config is put back at the end.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/node/proxy.inc"
export IPFSPERF_STATE_DIR=$T/state
data=$top/tests/data/compare

show() { curl -sf -X POST "$IPFS_API/api/v0/config/show"; }
replace() { curl -sf -X POST -F "file=@$1" "$IPFS_API/api/v0/config/replace" >/dev/null; }
show >"$T/orig.json" || { notok "config/show answers"; exit 1; }
cleanup() { proxy_stop; replace "$T/orig.json"; rm -rf "$T"; }
trap cleanup EXIT
cd "$T" || exit 1
same() { show | cmp -s - "$T/orig.json" && echo same || echo changed; }

# --- bad arguments: exit 2, and not one request (a counting proxy is the node)
proxy_start pass
for bad in "" "--apply" "--profile-results nosuch" "--profile-results $data/sweep.tsv --keep-if maybe --apply" \
    "--profile-results $data/sweep.tsv --keep-if faster" "--profile-results $data/sweep.tsv --restart-cmd true" \
    "--profile-results $data/sweep.tsv --apply -n 0" "--profile-results $data/sweep.tsv --apply -s 1k,0" \
    "--profile-results $data/sweep.tsv --apply --restart-wait x" "--profile-results $data/sweep.tsv --bogus" \
    "--profile-results $data/sweep.tsv extra" "--profile-results" "--revert nosuch.json" \
    "--revert $data/sweep.tsv --apply" "--revert $data/sweep.tsv -n 3" "--profile-results $T"; do
	# shellcheck disable=SC2086
	check_exit "bad arguments: '${bad#"$data/"}': exit 2" 2 ipfs-optimize --api "$PROXY" $bad
done
check_grep "  a clear line, and the way to help" "^Try 'ipfs-optimize --help'.$" "$T/err"
check_eq "  not one request reached the node" "$(grep -c '^proxy: ' "$PROXY_LOG")" 0
proxy_stop

ipfs-profile -q -n 2 -s 1k --test cat,cache --no-plots --output-dir base >/dev/null 2>base.err ||
	notok "ipfs-profile of the node" "$(tail -n 3 base.err)"
tune-conf -q -j --patch -p base/profile.tsv -c base/cache-mrc.tsv >patch.jsonl
check_eq "the profile's patch: the bloom filter, after a restart (the node has none)" \
	"$(jq -r '"\(.key) \(.when)"' patch.jsonl)" "Datastore.BloomFilterSize restart"

# --- a dry run: the patch shown, nothing changed
ipfs-optimize --profile-results base >dry.out 2>dry.err; rc=$?
check_eq "dry run: exit 0" "$rc" 0
check_grep "  the patch, for review" "^ipfs config --json 'Datastore\.BloomFilterSize' '[0-9]+'$" dry.out
check_grep "  a dry run, said" "a dry run: nothing was changed; --apply .* profiles again what it affects \(cat,cache\)" dry.err
check_grep "  the restart the key needs, said" "Datastore\.BloomFilterSize: only a restart of the node makes it take effect: --apply measures it only with --restart-cmd" dry.err
check_eq "  config/show byte-identical" "$(same)" same
check_eq "  no folder made" "$(ls | grep -c '^optimize_results_')" 0

# --- restart-only keys without --restart-cmd: shown, nothing applied
ipfs-optimize -q --profile-results base --apply >late.out 2>late.err; rc=$?
check_eq "restart-only keys without --restart-cmd: exit 1" "$rc" 1
check_grep "  the patch shown" "^ipfs config --json 'Datastore\.BloomFilterSize' " late.out
check_grep "  says a measurement before the restart would measure nothing" \
	"Datastore\.BloomFilterSize: only a restart .* a measurement before the restart would measure nothing: nothing was applied" late.err
check_eq "  config/show byte-identical" "$(same)" same
check_eq "  no folder left" "$(ls | grep -c '^optimize_results_')" 0

# --- apply, measure, revert: a key that takes effect now (Import.*: the
# add test), a new profile of one iteration: nothing can prove faster
ipfs-optimize --profile-results "$data/sweep.tsv" --apply -n 1 --no-plots --output-dir imp >imp.out 2>imp.err; rc=$?
check_eq "apply -> measure -> revert: exit 0" "$rc" 0
check_grep "  applied, said" '^ipfs-optimize: applied Import\.UnixFSChunker: absent -> "size-65536"$' imp.err
check_grep "  the restart-only key left out, and why" "left out Datastore\.BloomFilterSize: .*would measure nothing" imp.err
check_grep "  reverted, and why" "^ipfs-optimize: reverted: no group significantly faster \(1 compared, 1 of them with too few samples" imp.err
check_eq "  config/show byte-identical" "$(same)" same
check_eq "  the patch applied: the Import key only" "$(jq -r .key imp/patch.jsonl)" Import.UnixFSChunker
check_eq "  the backup: that key, absent before" "$(jq -c '[.keys[] | [.key, .absent]]' imp/backup.json)" '[["Import.UnixFSChunker",true]]'
check_grep "  tune-conf set it" "^ipfs config --json 'Import\.UnixFSChunker' '\"size-65536\"'" imp/applied.sh
check_sh "  Import.* -> the add test only" "[ -s imp/add-rpc.tsv ] && [ -s imp/add-chunked.tsv ] && [ ! -e imp/cat.tsv ] && [ ! -e imp/calls.tsv ]"
check_eq "  one iteration, the sweep's size" "$(col_where imp/add-rpc.tsv ok=1 size | tr '\n' ' ')" "1024 "
check_grep "  compared with the sweep, whole" "^== Records, whole: $data/sweep.tsv -> $T/imp/profile.tsv" imp/compare.txt
check_eq "  the report: applied, measured, compared, reverted" \
	"$(grep -oE '^(applied|measuring again|compared|reverted)' imp/optimize.txt | tr '\n' ' ')" \
	"applied measuring again compared reverted "

# --- with --restart-cmd: both keys, the restart after the apply and after
# the revert; a new profile of another size has nothing in common with the
# sweep, which proves nothing: reverted, exit 1
snap="n=\$(wc -l <'$T/restarts'); curl -sf -X POST '$IPFS_API/api/v0/config/show' >'$T/snap'\$n.json"
: >restarts
ipfs-optimize -q --profile-results "$data/sweep.tsv" --apply -n 2 -s 2k --no-plots --output-dir both \
	--restart-cmd "echo restart >>'$T/restarts'; $snap" >both.out 2>both.err; rc=$?
check_eq "nothing in common with the old profile: exit 1" "$rc" 1
check_grep "  reverted, and why" "^ipfs-optimize: reverted: the comparison failed \(nothing in common" both.err
check_eq "  restarted after the apply and after the revert" "$(wc -l <restarts)" 2
check_eq "  after the apply, both keys set" "$(jq -c '[.Import.UnixFSChunker, (.Datastore.BloomFilterSize | type)]' snap1.json)" \
	'["size-65536","number"]'
check_eq "  after the revert, config/show byte-identical" "$(cmp -s snap2.json orig.json && echo same)" same
check_eq "  and now" "$(same)" same
check_sh "  Import.* and Datastore.*: add, cat and cache" "[ -s both/add-rpc.tsv ] && [ -s both/cat.tsv ] && [ -s both/cache-random.tsv ] && [ ! -e both/calls.tsv ]"

# --- --keep-if always keeps it; --revert undoes it
: >restarts
ipfs-optimize -q --profile-results base --apply --keep-if always --no-plots --output-dir keep \
	--restart-cmd "echo restart >>'$T/restarts'; $snap" >keep.out 2>keep.err; rc=$?
check_eq "--keep-if always: exit 0" "$rc" 0
check_grep "  kept, said" "^ipfs-optimize: kept: --keep-if always$" keep.err
check_eq "  one restart, after the apply" "$(wc -l <restarts)" 1
check_eq "  the node holds exactly the patch's key" \
	"$(show | jq -cS 'del(.Datastore.BloomFilterSize)')" "$(jq -cS . orig.json)"
check_eq "  to the patch's value" "$(show | jq .Datastore.BloomFilterSize)" "$(jq .value keep/patch.jsonl)"
check_sh "  Datastore.* -> cat and cache, the profile's iterations" \
	"[ -s keep/cat.tsv ] && [ -s keep/cache-random.tsv ] && [ -s keep/add-chunked.tsv ] && [ ! -e keep/calls.tsv ] &&
	 [ \$(jq .parameters.iterations keep/profiling_results.json) = 2 ]"
check_grep "  compared section by section" "^== Reading content: RPC API, gateway and filesystem API" keep/compare.txt
check_eq "  the backup is private" "$(stat -c %a keep/backup.json)" 600
ipfs-optimize --revert keep/backup.json --restart-cmd "echo restart >>'$T/restarts'; $snap" >rev.out 2>rev.err; rc=$?
check_eq "--revert: exit 0" "$rc" 0
check_grep "  said" "^ipfs-optimize: .*reverted by hand: Datastore\.BloomFilterSize restored from keep/backup.json and read back" rev.err
check_grep "  and in the folder's report" "reverted by hand: Datastore\.BloomFilterSize" keep/optimize.txt
check_eq "  restarted after it" "$(wc -l <restarts)" 2
check_eq "  config/show byte-identical" "$(same)" same
check "--revert again: nothing to undo, exit 0" ipfs-optimize -q --revert keep/backup.json
check_eq "  config/show byte-identical" "$(same)" same

replace "$T/orig.json"
check_man_examples "$top/man/ipfs-optimize.1"
check_eq "the node's config is as this test found it" "$(same)" same
