# ipfs-optimize against the real node: a dry run leaves config/show byte
# for byte as it was; a patch of restart-only keys without --restart-cmd
# applies nothing; the rounds a1 (without the change), b1, b2 (with it),
# a2 (without it again) leave config/show byte for byte as it was when the
# change is not kept, made certain by the numbers (rounds of one iteration:
# two samples a side can never be significantly faster); --restart-cmd
# runs before a1, after the apply, after the revert for a2, and after the
# apply again of a change kept (it snapshots config/show, so the change is
# seen applied, then undone); --keep-if always keeps, and --revert undoes;
# bad arguments exit 2 before any request. The node is shared: its config is put back at the end.
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

# --- the rounds A B B A: a key that takes effect now (Import.*: the add
# test), rounds of one iteration: nothing can prove faster, not kept
ipfs-optimize --profile-results "$data/sweep.tsv" --apply -n 1 --no-plots --output-dir imp >imp.out 2>imp.err; rc=$?
check_eq "a1, apply, b1, b2, revert, a2, not kept: exit 0" "$rc" 0
check_grep "  applied, said" '^ipfs-optimize: applied Import\.UnixFSChunker: absent -> "size-65536"$' imp.err
check_grep "  the restart-only key left out, and why" "left out Datastore\.BloomFilterSize: .*would measure nothing" imp.err
check_grep "  not kept, and why" "^ipfs-optimize: not kept: no group significantly faster beyond the A/A and B/B noise floor \(2 compared, 2 of them with too few samples.*; the change was reverted after its rounds \(b1, b2\); the node is as it was$" imp.err
check_eq "  config/show byte-identical" "$(same)" same
check_eq "  the patch applied: the Import key only" "$(jq -r .key imp/patch.jsonl)" Import.UnixFSChunker
check_eq "  the rounds' backup: that key, absent before" "$(jq -c '[.keys[] | [.key, .absent]]' imp/rounds-backup.json)" '[["Import.UnixFSChunker",true]]'
check_eq "  no other backup: nothing applied again" "$([ -e imp/backup.json ] && echo backup || echo none)" none
check_grep "  tune-conf set it" "^ipfs config --json 'Import\.UnixFSChunker' '\"size-65536\"'" imp/applied.sh
for r in a1 b1 b2 a2; do
	check_sh "  round $r: Import.* -> the add test only" "[ -s imp/$r/add-rpc.tsv ] && [ -s imp/$r/add-chunked.tsv ] && [ ! -e imp/$r/cat.tsv ] && [ ! -e imp/$r/calls.tsv ]"
	check_eq "  round $r: one iteration, the sweep's size" "$(col_where imp/$r/add-rpc.tsv ok=1 size | tr '\n' ' ')" "1024 "
done
check_eq "  the rounds in order: a1 before the apply, b1 b2 with it, a2 after the revert" \
	"$(jq -r .started imp/a1/profiling_results.json imp/b1/profiling_results.json imp/b2/profiling_results.json imp/a2/profiling_results.json | sort -nc && echo sorted)" sorted
check_grep "  compared: a1+a2 against b1+b2" "^before \($T/imp/a1, $T/imp/a2\): 2 rounds" imp/compare.txt
check_grep "  the A/A of a1 against a2 beside it" "^a2 \($T/imp/a2\): " imp/compare.txt
check_eq "  the report: a1, applied, b1, b2, reverted for a2, a2, compared, not kept" \
	"$(grep -oE '^(round [ab][12]|applied|reverted for the round a2|compared|not kept|kept)' imp/optimize.txt | tr '\n' ' ')" \
	"round a1 applied round b1 round b2 reverted for the round a2 round a2 compared not kept "

# --- with --restart-cmd: both keys; restarts before a1, after the apply
# and after the revert for a2; another size than the sweep's
snap="n=\$(wc -l <'$T/restarts'); curl -sf -X POST '$IPFS_API/api/v0/config/show' >'$T/snap'\$n.json"
: >restarts
ipfs-optimize -q --profile-results "$data/sweep.tsv" --apply -n 2 -s 2k --no-plots --output-dir both \
	--restart-cmd "echo restart >>'$T/restarts'; $snap" >both.out 2>both.err; rc=$?
check_eq "with --restart-cmd, not kept: exit 0" "$rc" 0
check_grep "  not kept, and why" "^ipfs-optimize: not kept: no group significantly faster beyond the A/A and B/B noise floor" both.err
check_eq "  restarted before a1, after the apply and after the revert" "$(wc -l <restarts)" 3
check_eq "  before a1, config/show as found" "$(cmp -s snap1.json orig.json && echo same)" same
check_eq "  after the apply, both keys set" "$(jq -c '[.Import.UnixFSChunker, (.Datastore.BloomFilterSize | type)]' snap2.json)" \
	'["size-65536","number"]'
check_eq "  after the revert, config/show byte-identical" "$(cmp -s snap3.json orig.json && echo same)" same
check_eq "  and now" "$(same)" same
check_sh "  Import.* and Datastore.*: add, cat and cache" "[ -s both/b1/add-rpc.tsv ] && [ -s both/b1/cat.tsv ] && [ -s both/b1/cache-random.tsv ] && [ ! -e both/b1/calls.tsv ]"
check_eq "  the size asked for" "$(col_where both/a2/add-rpc.tsv ok=1 size | sort -u)" 2048

# --- --keep-if always keeps it; --revert undoes it
: >restarts
ipfs-optimize -q --profile-results base --apply --keep-if always --no-plots --output-dir keep \
	--restart-cmd "echo restart >>'$T/restarts'; $snap" >keep.out 2>keep.err; rc=$?
check_eq "--keep-if always: exit 0" "$rc" 0
check_grep "  kept, said" "^ipfs-optimize: kept: --keep-if always$" keep.err
check_eq "  four restarts: before a1, after the apply, after the revert, after the apply again" "$(wc -l <restarts)" 4
check_eq "  the node held the change for b1 and b2 only, and holds it again" \
	"$(for n in 1 2 3 4; do jq -r '.Datastore.BloomFilterSize | type' snap$n.json; done | tr '\n' ' ')" "null number null number "
check_eq "  the node holds exactly the patch's key" \
	"$(show | jq -cS 'del(.Datastore.BloomFilterSize)')" "$(jq -cS . orig.json)"
check_eq "  to the patch's value" "$(show | jq .Datastore.BloomFilterSize)" "$(jq .value keep/patch.jsonl)"
check_sh "  Datastore.* -> cat and cache, the profile's iterations" \
	"[ -s keep/b2/cat.tsv ] && [ -s keep/b2/cache-random.tsv ] && [ -s keep/b2/add-chunked.tsv ] && [ ! -e keep/b2/calls.tsv ] &&
	 [ \$(jq .parameters.iterations keep/b2/profiling_results.json) = 2 ]"
check_grep "  compared section by section" "^== Reading content: RPC API, gateway and filesystem API" keep/compare.txt
check_eq "  the backup is private" "$(stat -c %a keep/backup.json)" 600
ipfs-optimize --revert keep/backup.json --restart-cmd "echo restart >>'$T/restarts'; $snap" >rev.out 2>rev.err; rc=$?
check_eq "--revert: exit 0" "$rc" 0
check_grep "  said" "^ipfs-optimize: .*reverted by hand: Datastore\.BloomFilterSize restored from keep/backup.json and read back" rev.err
check_grep "  and in the folder's report" "reverted by hand: Datastore\.BloomFilterSize" keep/optimize.txt
check_eq "  restarted after it" "$(wc -l <restarts)" 5
check_eq "  config/show byte-identical" "$(same)" same
check "--revert again: nothing to undo, exit 0" ipfs-optimize -q --revert keep/backup.json
check_eq "  config/show byte-identical" "$(same)" same

replace "$T/orig.json"
check_man_examples "$top/man/ipfs-optimize.1"
check_eq "the node's config is as this test found it" "$(same)" same
