#!/usr/bin/env bash
# The lift on a Slurm cluster: an array job over view shards, then a merge job.
#
#   deploy/slurm/lift.sh --scene S --cameras C --masks M --shards N --out DIR
#                        [--partition P] [--gpus-per-shard G] [--cpus-per-shard K] [--wait]
#
# Task K of the array accumulates its contiguous range of views into DIR/shards/K; the merge job
# (dependency afterany on the array) sums the shards into DIR/contributions.* and writes
# DIR/accumulate.json, or fails naming each shard that did not finish. Running the same command
# again resubmits only the shards that are not done, then the merge. With --wait it blocks until
# the merge ends and exits with its status (0 merged, 1 failed).
#
# DIR must be on a file system the nodes share. FLASHSPLAT, when set, is the command that runs
# flashsplat on the nodes (default: the repository's launcher or target/flashsplat.jar).
# Exit status: 0 submitted (or, with --wait, merged), 1 the merge failed or Slurm failed,
# 2 bad arguments or inputs.
set -euo pipefail

LIFT_PROG=lift.sh
FLASHSPLAT_SLURM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$FLASHSPLAT_SLURM_DIR/lift-common.sh"

usage() {
    cat >&2 <<'EOF'
usage: lift.sh --scene S --cameras C --masks M --shards N --out DIR
               [--partition P] [--gpus-per-shard G] [--cpus-per-shard K] [--wait]
EOF
}

bad() {
    lift_say "$*"
    exit 2
}

positive() {
    case "$2" in
        '' | *[!0-9]* | 0*) bad "$1 wants a whole number of 1 or more, not '$2'" ;;
    esac
}

abspath() {
    if [ -d "$1" ]; then (cd "$1" && pwd); else echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; fi
}

arg_scene= arg_cameras= arg_masks= arg_shards= arg_out= partition= gpus= cpus= wait=0
while [ $# -gt 0 ]; do
    opt=$1
    case "$opt" in
        --wait) wait=1; shift; continue ;;
        -h | --help) usage; exit 0 ;;
        --*=*) value=${opt#*=}; opt=${opt%%=*}; shift ;;
        --*)
            [ $# -ge 2 ] || bad "$opt needs a value"
            value=$2
            shift 2
            ;;
        *) bad "unexpected argument '$opt' (see --help)" ;;
    esac
    case "$opt" in
        --scene) arg_scene=$value ;;
        --cameras) arg_cameras=$value ;;
        --masks) arg_masks=$value ;;
        --shards) arg_shards=$value ;;
        --out) arg_out=$value ;;
        --partition) partition=$value ;;
        --gpus-per-shard) gpus=$value ;;
        --cpus-per-shard) cpus=$value ;;
        *) bad "unknown option $opt (see --help)" ;;
    esac
done

for pair in "--scene:$arg_scene" "--cameras:$arg_cameras" "--masks:$arg_masks" "--shards:$arg_shards" "--out:$arg_out"; do
    [ -n "${pair#*:}" ] || bad "${pair%%:*} is required (see --help)"
done
positive --shards "$arg_shards"
[ -z "$gpus" ] || positive --gpus-per-shard "$gpus"
[ -z "$cpus" ] || positive --cpus-per-shard "$cpus"
[ -e "$arg_scene" ] || bad "--scene $arg_scene: no such file or folder"
[ -e "$arg_cameras" ] || bad "--cameras $arg_cameras: no such file or folder"
[ -d "$arg_masks" ] || bad "--masks $arg_masks: no such folder"
command -v sbatch >/dev/null && command -v squeue >/dev/null \
    || bad "sbatch and squeue not found: run this on a Slurm submit host (or start deploy/slurm/local-cluster.sh)"
arg_scene=$(abspath "$arg_scene")
arg_cameras=$(abspath "$arg_cameras")
arg_masks=$(abspath "$arg_masks")
case "$arg_out" in /*) out=${arg_out%/} ;; *) out=$PWD/${arg_out%/} ;; esac

# --- The plan: written at the first submission, the same on every re-run. --------------------
if [ -e "$out/$LIFT_PLAN" ]; then
    load_plan "$out"
    if [ "$scene" != "$arg_scene" ] || [ "$cameras" != "$arg_cameras" ] || [ "$masks" != "$arg_masks" ] \
        || [ "$shards" != "$arg_shards" ]; then
        bad "$out holds a lift of $scene with $shards shards; to start another, give a new --out or remove it"
    fi
    if [ -r "$out/$LIFT_JOBS" ]; then
        ids=$(field "$out/$LIFT_JOBS" array || true),$(field "$out/$LIFT_JOBS" merge || true)
        ids=${ids#,}
        ids=${ids%,}
        if [ -n "$ids" ] && [ -n "$(squeue -h -j "$ids" -o %i 2>/dev/null || true)" ]; then
            bad "a lift is still running in $out (jobs ${ids/,/, }): wait for it, or scancel ${ids/,/ } and run this again"
        fi
    fi
else
    # $fs is split on spaces by design (see flashsplat_command), hence unquoted below.
    fs=$(flashsplat_command)
    # Whether this flashsplat writes exact shards, asked alongside the view count (each is a JVM
    # start). accumulate has no --help of its own: its usage, on stderr, lists the options.
    help_file=$(mktemp)
    $fs accumulate --help >"$help_file" 2>&1 &
    help_pid=$!
    rc=0
    info=$($fs info "$arg_cameras" 2>&1) || rc=$?
    wait "$help_pid" || true
    has_exact=0
    grep -q -- "$EXACT_FLAG" "$help_file" && has_exact=1
    rm -f "$help_file"
    if [ $rc = 2 ]; then
        bad "--cameras: ${info##*$'\n'}"
    elif [ $rc != 0 ]; then
        bad "could not run '$fs' (it needs a JDK 25: set JAVA_HOME, or FLASHSPLAT to the command): ${info##*$'\n'}"
    fi
    views_total=$(printf '%s\n' "$info" | sed -n 's/^ *\([0-9][0-9,]*\) cameras$/\1/p' | head -n 1 | tr -d ,)
    [ -n "$views_total" ] || bad "--cameras $arg_cameras: no cameras there (flashsplat info finds none)"
    [ "$arg_shards" -le "$views_total" ] || bad "--shards $arg_shards is more than the $views_total views"
    [ $has_exact = 1 ] || bad "'$fs accumulate' has no $EXACT_FLAG (exact shards): this flashsplat is too old for lift.sh"
    mkdir -p "$out" || bad "--out $out: cannot create this folder"
    {
        printf 'scene=%q\n' "$arg_scene"
        printf 'cameras=%q\n' "$arg_cameras"
        printf 'masks=%q\n' "$arg_masks"
        printf 'shards=%q\n' "$arg_shards"
        printf 'views_total=%q\n' "$views_total"
    } >"$out/$LIFT_PLAN.tmp"
    mv "$out/$LIFT_PLAN.tmp" "$out/$LIFT_PLAN"
    load_plan "$out"
fi

# --- What is left to do. ---------------------------------------------------------------------
todo=() kept=()
for ((k = 0; k < shards; k++)); do
    if [ -e "$out/shards/$k/$SHARD_DONE" ]; then kept+=("$k"); else todo+=("$k"); fi
done
if [ ${#todo[@]} = 0 ] && [ -e "$out/$LIFT_DONE" ]; then
    lift_say "$out is complete already ($shards shards merged); nothing to submit"
    exit 0
fi
rm -f "$out/$LIFT_DONE" "$out/$LIFT_FAILED"
mkdir -p "$out/logs" "$out/shards"

# No --export of single variables: naming any makes Slurm build the user's login environment on
# the node (seconds per job); the jobs get this folder as an argument instead.
common=(--parsable --chdir="$out")
[ -z "$partition" ] || common+=(--partition="$partition")

submit() {
    local id
    id=$(sbatch "$@") || { lift_say "sbatch failed (see above)"; exit 1; }
    echo "${id%%;*}"
}

submitted_ms=$(now_ms)
array_job=
if [ ${#todo[@]} -gt 0 ]; then
    list=$(IFS=,; echo "${todo[*]}")
    shard_opts=(--array="$list" --output="$out/$SHARD_LOG_PATTERN")
    [ -z "$gpus" ] || shard_opts+=(--gres="gpu:$gpus")
    [ -z "$cpus" ] || shard_opts+=(--cpus-per-task="$cpus")
    array_job=$(submit "${common[@]}" "${shard_opts[@]}" "$FLASHSPLAT_SLURM_DIR/lift-shard.sbatch" "$out" "$FLASHSPLAT_SLURM_DIR")
fi
# The merge reads the array id and submit time from lift.jobs, so write them before it can start.
printf 'array=%s\nsubmitted_ms=%s\n' "$array_job" "$submitted_ms" >"$out/$LIFT_JOBS.tmp"
mv "$out/$LIFT_JOBS.tmp" "$out/$LIFT_JOBS"
# afterany, not afterok: a failed task must still start the merge, which then names the shard;
# with afterok the merge would wait forever (DependencyNeverSatisfied) at most sites.
merge_opts=(--output="$out/$MERGE_LOG_PATTERN")
[ -z "$array_job" ] || merge_opts+=(--dependency="afterany:$array_job")
merge_job=$(submit "${common[@]}" "${merge_opts[@]}" "$FLASHSPLAT_SLURM_DIR/lift-merge.sbatch" "$out" "$FLASHSPLAT_SLURM_DIR")
printf 'merge=%s\n' "$merge_job" >>"$out/$LIFT_JOBS"

if [ ${#kept[@]} -gt 0 ]; then
    lift_say "${#kept[@]} of $shards shards are done already ($(IFS=,; echo "${kept[*]}")); keeping them"
fi
if [ -n "$array_job" ]; then
    lift_say "submitted ${#todo[@]} of $shards shards ($list; $views_total views in all) as array job $array_job; merge job $merge_job runs after it"
else
    lift_say "all shards are done; submitted merge job $merge_job"
fi
lift_say "output: $out"
[ "$wait" = 1 ] || exit 0

# --- --wait: follow the jobs until the merge has ended. ----------------------------------------
trap 'lift_say "stopped waiting; the jobs keep running (squeue -j ${array_job:+$array_job,}$merge_job)"; exit 130' INT TERM
reported=()
lost_since=
while :; do
    for k in "${todo[@]}"; do
        if [ -z "${reported[$k]:-}" ] && [ -e "$out/shards/$k/$SHARD_DONE" ]; then
            reported[$k]=1
            lift_say "shard $k done on $(field "$out/shards/$k/$SHARD_DONE" node) in $(field "$out/shards/$k/$SHARD_DONE" seconds) s"
        fi
    done
    # A job Slurm no longer lists has ended (finished jobs are dropped after MinJobAge).
    if state=$(squeue -h -t all -j "$merge_job" -o %T 2>&1); then
        lost_since=
        case "$state" in
            '' | COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED) break ;;
        esac
    elif printf '%s' "$state" | grep -qi 'invalid job id'; then
        break
    else
        lost_since=${lost_since:-$SECONDS}
        if [ $((SECONDS - lost_since)) -gt 60 ]; then
            lift_say "lost contact with Slurm for a minute ($state); the jobs may still run: squeue -j $merge_job"
            exit 1
        fi
    fi
    sleep 1
done

if [ -e "$out/$LIFT_DONE" ]; then
    lift_say "merged $shards shards into $out ($(sed -n 's/.*"wall_seconds" : \([0-9.]*\).*/\1/p' "$out/accumulate.json") s since submission)"
    exit 0
fi
if [ -s "$out/$LIFT_FAILED" ]; then
    while IFS= read -r line; do lift_say "$line"; done <"$out/$LIFT_FAILED"
    lift_say "run the same command again to redo only the failed shards"
else
    lift_say "the merge job $merge_job failed (state ${state:-unknown}); its log: $out/$(merge_log "$merge_job")"
    tail -n 5 "$out/$(merge_log "$merge_job")" >&2 2>/dev/null || true
fi
exit 1
