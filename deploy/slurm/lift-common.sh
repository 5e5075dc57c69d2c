# Shared by lift.sh and the sbatch scripts (sourced, not run): the layout of a lift's output folder,
# how views are split into shards, and how the flashsplat command is found. Plain bash and coreutils
# only, since cluster nodes may lack anything else.
#
# OUT/lift.plan            what was asked (inputs, shard count, view count), written at first submit
# OUT/lift.jobs            the latest submission: array and merge job ids, submit time
# OUT/logs/                Slurm output of every task and merge (one file per job, never overwritten)
# OUT/shards/K/            shard K: accumulate's files, then K's 'task' file, then 'done' last
# OUT/contributions.*      the merged contributions
# OUT/accumulate.json      views per shard, timings, nodes (composed by the merge job)
# OUT/lift.failed          why the last merge could not run (one line per shard), absent on success
# OUT/lift.done            written last by a successful merge

LIFT_PLAN=lift.plan
LIFT_JOBS=lift.jobs
LIFT_DONE=lift.done
LIFT_FAILED=lift.failed
SHARD_TASK=task
SHARD_DONE=done
# Output patterns handed to sbatch (%a task id, %A array job id, %j job id), and the same names as
# a running job computes them.
SHARD_LOG_PATTERN=logs/shard-%a-job%A.out
MERGE_LOG_PATTERN=logs/merge-job%j.out
shard_log() { echo "logs/shard-$1-job$2.out"; }
merge_log() { echo "logs/merge-job$1.out"; }

# The exact-shard contract: `accumulate --exact` also writes the exact 64-bit fixed-point sums,
# which `merge` adds into the bytes a single run over all views writes.
EXACT_FLAG=--exact
SHARD_FILE=contributions-exact.npz
# What a merge (or a single shard) leaves in OUT: the sparse table, the dense one when small, and
# the exact sums (so a lift can itself be merged further).
MERGED_FILES="contributions.npz contributions.npy contributions-exact.npz"

lift_say() { echo "${LIFT_PROG:-lift}: $*" >&2; }

# The flashsplat command: $FLASHSPLAT when set (split on spaces, e.g. "java -jar /opt/fs.jar"),
# else the repository's ./flashsplat launcher, else target/flashsplat.jar run by the java of
# JAVA_HOME (or PATH). Needs FLASHSPLAT_SLURM_DIR (this folder) to find the repository.
flashsplat_command() {
    if [ -n "${FLASHSPLAT:-}" ]; then
        echo "$FLASHSPLAT"
        return
    fi
    local repo
    repo=$(cd "${FLASHSPLAT_SLURM_DIR:?}/../.." && pwd)
    if [ -f "$repo/flashsplat" ] && [ -x "$repo/flashsplat" ]; then
        echo "$repo/flashsplat"
    else
        echo "${JAVA_HOME:+$JAVA_HOME/bin/}java -jar $repo/target/flashsplat.jar"
    fi
}

# Views of shard $1 of $2 over $3 views, as accumulate's --views range: contiguous and balanced
# (sizes differ by at most one), so shard K of a plan is the same views on every re-run.
shard_views() {
    local k=$1 n=$2 v=$3
    echo "$((k * v / n))-$(((k + 1) * v / n - 1))"
}

# Milliseconds since the epoch; whole seconds where date has no %N (non-GNU).
now_ms() {
    local t
    t=$(date +%s%3N)
    case "$t" in
        *[!0-9]*) echo "$(($(date +%s) * 1000))" ;;
        *) echo "$t" ;;
    esac
}

# $1 milliseconds as seconds with three decimals (plain bash: no bc or awk needed).
ms_to_s() {
    printf '%d.%03d' "$(($1 / 1000))" "$(($1 % 1000))"
}

# Loads OUT/lift.plan (written by lift.sh with printf %q, so sourcing it is safe).
load_plan() {
    local out=$1
    if [ ! -r "$out/$LIFT_PLAN" ]; then
        lift_say "$out/$LIFT_PLAN is missing: is $out a lift folder?"
        return 2
    fi
    # shellcheck disable=SC1090
    . "$out/$LIFT_PLAN"
}

# Reads key=value line $2 from file $1 (the task/done files; values never contain newlines).
field() {
    local line
    while IFS= read -r line; do
        case "$line" in "$2="*) echo "${line#*=}" && return 0 ;; esac
    done <"$1"
    return 1
}

# The JSON string for $1 (escapes backslash and double quote; paths and host names need no more).
json_string() {
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}
