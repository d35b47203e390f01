# Every value is one argument and never code, in every script: output
# folders, labels, workload files, --prom and --append files, report files
# and titles holding spaces, single and double quotes, $(), backticks,
# globs (*, ? and [), a gnuplot string breaker, a gnuplot macro (@x after
# a quote), a backslash and a newline. Each run
# succeeds with its outputs where they belong (or, for a newline, is
# refused with a clear error), and a canary file that the names try to
# create (by sh or by gnuplot's system) never appears.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
export IPFSPERF_STATE_DIR=$T/state
data=$top/tests/data/compare
# tsv_escaped STRING: STRING as a record field holds it
tsv_escaped() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/\t/\\t/g'; }
canary() { [ -e "$T/canary" ] && echo "created" || echo "never created"; }
names="sp ace|it's|say \"hi\"|x\$(touch canary)y|x\`touch canary\`y|G*|q?|[ab|out';system('touch canary');x='|x'.system('touch canary').'|%s\\n@x|a'b@x"

# --- ipfs-profile: the folder, the label, --prom and --append, pictures
# (--keep-content: the workloads below read back what these profiles added)
i=0
IFS='|'
for name in $names; do
	unset IFS
	i=$((i + 1))
	mkdir -p "p$i"
	ipfs-profile -q -n 1 -s 1k --test add,api,cache --keep-content -l "$name" --output-dir "$T/p$i/$name" \
		--prom "$T/p$i/$name.prom" --append "$T/p$i/$name.hist" >/dev/null 2>"p$i.err"; rc=$?
	check_eq "ipfs-profile, folder and label '$name': exit 0" "$rc" 0
	d=$T/p$i/$name
	check_eq "  the pictures: PNG images" "$(file -b "$d/latency-size.png" "$d/memory.png" "$d/hit-rates.png" 2>&1 | grep -c '^PNG image data')" 3
	check_eq "  the JSON's label is the label" "$(jq -r .parameters.label "$d/profiling_results.json")" "$name"
	# records escape a backslash, a tab and a newline (\\ \t \n: the
	# record contract), so a label's "\n" is not a newline
	check_eq "  every record's label is the label, escaped" "$(col "$d/profile.tsv" label | sort -u)" "$(tsv_escaped "$name")"
	check_eq "  --prom and --append written where named" "$([ -s "$d.prom" ] && [ -s "$d.hist" ] && echo there)" there
	check_eq "  nothing else beside them" "$(ls -A "$T/p$i" | grep -vc '\.hist\.lock$')" 3
	check_eq "  the canary: never created" "$(canary)" "never created"
	IFS='|'
done
unset IFS
ipfs-profile -q -n 1 --test api --output-dir "a
b" >/dev/null 2>nl.err; rc=$?
check_eq "a folder name with a newline: exit 2" "$rc" 2
check_grep "  said" "output-dir: a newline or tab in" nl.err
ipfs-profile -q -n 1 --test api -l "a
b" --output-dir nl2 >/dev/null 2>nl.err; rc=$?
check_eq "a label with a newline: exit 2" "$rc" 2

# --- a label that once uploaded the current folder, or added options
mkdir here && printf 'the secret\n' >here/secret.txt
cid=$(chunk-put --only-hash here/secret.txt 2>/dev/null)
(cd here && ipfs-profile -q -n 1 -s 1k --test add --no-plots -l 'x *' --output-dir ../star >/dev/null 2>../star.err); rc=$?
check_eq "-l 'x *' in a folder holding secret.txt: exit 0" "$rc" 0
check_eq "  one add per way, of the size asked" "$(col star/add-rpc.tsv size | tr '\n' ' ')" "1024 "
check_sh "  secret.txt's CID nowhere in the records" "[ -n '$cid' ] && ! grep -rq '$cid' star"
ipfs-profile -q -n 1 -s 1k --test add --no-plots -l "x --api http://127.0.0.1:1" --output-dir inj >/dev/null 2>inj.err; rc=$?
check_eq "-l 'x --api URL': exit 0, no option injected" "$rc $(col inj/add-rpc.tsv label | sort -u)" "0 x --api http://127.0.0.1:1"

# --- a workload file of such a name, and its relative files
i=0
for name in "w sp'q\"\$(touch canary)\`touch canary\`*?[" "G*"; do
	i=$((i + 1))
	mkdir -p "wl$i/$name"
	printf 'sizes 1k\ncids cids.tsv\nipfs-time-cat --call version\n' >"wl$i/$name/$name.wl"
	cp p1/"sp ace"/add-rpc.tsv "wl$i/$name/cids.tsv"
	ipfs-profile -q -n 1 --workload "wl$i/$name/$name.wl" --no-plots --output-dir "wl$i/out $name" >/dev/null 2>"wl$i.err"; rc=$?
	check_eq "a workload named '$name': exit 0" "$rc" 0
	check_eq "  its steps' records" "$(ls "wl$i/out $name" | grep -c '^workload-[123]')" 4
	check_eq "  the canary: never created" "$(canary)" "never created"
done

# --- ipfs-compare and ipfs-plot: report files and titles of such names
i=0
IFS='|'
for name in $names; do
	unset IFS
	i=$((i + 1))
	ipfs-compare --before "p1/sp ace" --after "p$i/$name" --output "p$i/$name.report.txt" >/dev/null 2>"c$i.err"; rc=$?
	check_eq "ipfs-compare into '$name.report.txt': exit 0" "$rc" 0
	check "  it names the report as it is" grep -qF -- "ipfs-compare: the report is in p$i/$name.report.txt," "c$i.err"
	check "  the report names its pictures' folder as it is" grep -qxF -- "The pictures are in $T/p$i/$name.report" "p$i/$name.report.txt"
	check_eq "  the report and its pictures' folder" \
		"$([ -s "p$i/$name.report.txt" ] && [ -s "p$i/$name.report/changes.tsv" ] && echo there)" there
	ipfs-plot latency-size -T "$name" -l "$name" -o "p$i/t.svg" "p$i/$name/profile.tsv" 2>"pl$i.err"; rc=$?
	check_eq "  ipfs-plot -T and -l '$name': exit 0" "$rc" 0
	check_eq "  the canary: never created" "$(canary)" "never created"
	IFS='|'
done
unset IFS

# --- ipfs-optimize: a results folder and an output folder of such a name
name="o sp'q\"\$(touch canary)\`touch canary\`*?[x';system('touch canary');y='"
mkdir -p "$name"
cp "$data/sweep.tsv" "$name/profile.tsv"
ipfs-optimize -q --profile-results "$name" >/dev/null 2>o1.err; rc=$?
check_eq "ipfs-optimize, a dry run of '$name': exit 0" "$rc" 0
ipfs-optimize -q --profile-results "$name" --apply -n 1 --output-dir "$name out" >/dev/null 2>o2.err; rc=$?
check_eq "  --apply into '$name out': exit 0 (measured and reverted)" "$rc" 0
check_eq "  its backup, patch and report where named" "$(ls "$name out" | grep -cx 'rounds-backup.json\|optimize.txt\|compare.txt\|patch.jsonl')" 4
check_eq "  the canary: never created" "$(canary)" "never created"
