#!/usr/bin/env bash
# A single-node Slurm on this machine, for tests and for trying deploy/slurm/lift.sh out.
#
#   eval "$(deploy/slurm/local-cluster.sh start)"   # prints the shell assignments to eval
#   deploy/slurm/lift.sh ... --wait
#   deploy/slurm/local-cluster.sh stop              # ends only the daemons start began
#   deploy/slurm/local-cluster.sh status | install
#
# Everything lives in one temporary folder (config, state, logs, pid files, its own munge key and
# socket) and listens on loopback only, so it neither uses nor disturbs a system Slurm or munge.
# Needs root (slurmd runs jobs as their owners) and Debian's slurm-wlm and munge, which start
# installs with apt-get when they are missing.
#
# Exit status: 0 done, 2 bad usage, 3 Slurm cannot run here (not installable, not root),
# 1 the daemons did not come up (their log's tail is printed).
set -euo pipefail

PROG=local-cluster.sh
MARKER=.flashsplat-local-cluster
START_TIMEOUT_S=${FLASHSPLAT_LOCAL_SLURM_TIMEOUT:-60}

usage() {
    echo "usage: $PROG start | stop [DIR] | status [DIR] | install" >&2
    exit 2
}

say() { echo "$PROG: $*" >&2; }

unavailable() {
    say "$*"
    exit 3
}

have_slurm() {
    command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
        && command -v sbatch >/dev/null && command -v munged >/dev/null
}

install_slurm() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        unavailable "Slurm is not installed and cannot be installed here (needs root and apt-get): install slurm-wlm and munge"
    fi
    say "installing slurm-wlm and munge with apt-get"
    # The packages' scripts would start system slurmctld/slurmd/munged services; this cluster runs its
    # own daemons, so keep the services from starting (unless the site already has a policy).
    local policy=/usr/sbin/policy-rc.d added_policy=
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
    fi
    local rc=0
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        slurm-wlm munge; } >&2 || rc=$?
    [ -n "$added_policy" ] && rm -f "$policy"
    [ "$rc" = 0 ] && have_slurm || unavailable "installing slurm-wlm and munge failed (apt-get status $rc)"
}

# True when TCP port $1 has no listener (reads /proc, so it needs neither ss nor netstat).
port_free() {
    local hex
    hex=$(printf ':%04X ' "$1")
    ! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" {print $2 " "}' | grep -q "$hex"
}

free_port() {
    local p tries=0
    while [ $tries -lt 200 ]; do
        p=$((20000 + RANDOM % 30000))
        if port_free "$p" && [ "$p" != "${1:-}" ]; then
            echo "$p"
            return
        fi
        tries=$((tries + 1))
    done
    say "no free TCP port found"
    exit 1
}

# The daemons delete their own pid files while they shut down, so start copies each pid to
# $dir/pids/NAME, and stop waits on the process itself.

# Copies the pid daemon $2 wrote to $1/$2.pid into $1/pids/$2 (waits a little for it to appear).
record_pid() {
    local deadline=$((SECONDS + 10)) pid=
    while [ $SECONDS -lt $deadline ]; do
        pid=$(tr -dc '0-9' 2>/dev/null <"$1/$2.pid" || true)
        [ -n "$pid" ] && break
        sleep 0.1
    done
    [ -n "$pid" ] || return 1
    echo "$pid" >"$1/pids/$2"
}

# The recorded pid of daemon $2 in folder $1 when that process is alive and is $2 (a recycled pid
# is not ours).
live_pid() {
    local pid comm
    pid=$(tr -dc '0-9' 2>/dev/null <"$1/pids/$2" || true)
    [ -n "$pid" ] || return 1
    comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
    [ "$comm" = "$2" ] && echo "$pid"
}

# True when a daemon wrote its pid file and is gone since (no use waiting for it then).
daemon_died() {
    local name
    for name in munged slurmctld slurmd; do
        [ -s "$1/pids/$name" ] && ! live_pid "$1" "$name" >/dev/null && return 0
    done
    return 1
}

log_tail() {
    local f
    for f in "$@"; do
        [ -s "$f" ] || continue
        echo "--- $f (last lines)" >&2
        tail -n 15 "$f" >&2
    done
}

start() {
    [ "$(uname -s)" = Linux ] || unavailable "the local cluster needs Linux"
    [ "$(id -u)" = 0 ] || unavailable "the local cluster needs root (slurmd starts jobs as their users)"
    if ! have_slurm; then
        # Tests set this: they report a missing Slurm rather than change the machine.
        [ "${FLASHSPLAT_LOCAL_SLURM_NO_INSTALL:-}" = 1 ] \
            && unavailable "Slurm is not installed (apt-get install slurm-wlm munge; .ci/run does)"
        install_slurm
    fi

    local dir host cpus ctl_port node_port
    dir=$(mktemp -d "${TMPDIR:-/tmp}/flashsplat-slurm.XXXXXX")
    touch "$dir/$MARKER"
    mkdir -p "$dir/state" "$dir/spool" "$dir/munge" "$dir/pids"
    chmod 700 "$dir/munge"
    host=$(hostname -s)
    cpus=$(nproc)
    ctl_port=$(free_port)
    node_port=$(free_port "$ctl_port")

    # Its own munge key and socket: no dependency on (or change to) the system's munge.
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$dir/munge/munge.key"
    # --force: munged refuses to run as root without it.
    munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munged.seed" \
        2>>"$dir/munged.log" && record_pid "$dir" munged \
        || { log_tail "$dir/munged.log"; stop_dir "$dir"; exit 1; }

    cat >"$dir/slurm.conf" <<EOF
# Written by deploy/slurm/local-cluster.sh: one node, loopback only, everything in $dir.
ClusterName=flashsplat-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$node_port
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    export SLURM_CONF="$dir/slurm.conf"

    slurmctld -f "$SLURM_CONF" -c 2>>"$dir/slurmctld.log" && record_pid "$dir" slurmctld \
        || { log_tail "$dir/slurmctld.log"; stop_dir "$dir"; exit 1; }
    slurmd -f "$SLURM_CONF" 2>>"$dir/slurmd.log" && record_pid "$dir" slurmd \
        || { log_tail "$dir/slurmd.log"; stop_dir "$dir"; exit 1; }

    # Ready when the node takes jobs; poll with a deadline (the daemons start in a second or two).
    local deadline=$((SECONDS + START_TIMEOUT_S)) state=
    while [ $SECONDS -lt $deadline ]; do
        state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
        case "$state" in idle | mixed | allocated) break ;; esac
        daemon_died "$dir" && break
        sleep 0.2
    done
    case "$state" in
        idle | mixed | allocated) ;;
        *)
            say "the node did not become ready within ${START_TIMEOUT_S} s (state: ${state:-none})"
            log_tail "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/munged.log"
            stop_dir "$dir"
            exit 1
            ;;
    esac
    say "one-node Slurm up in $dir (partition 'local', $cpus CPUs, ports $ctl_port/$node_port on 127.0.0.1)"
    printf "export SLURM_CONF='%s'\n" "$dir/slurm.conf"
    printf "export FLASHSPLAT_LOCAL_SLURM='%s'\n" "$dir"
}

# Ends the daemons whose pid files lie in $1 (jobs first, so no slurmstepd is left), then removes $1.
stop_dir() {
    local dir=$1 pid name deadline
    if [ ! -e "$dir/$MARKER" ]; then
        say "$dir is not a folder local-cluster.sh started"
        exit 2
    fi
    if live_pid "$dir" slurmctld >/dev/null; then
        export SLURM_CONF="$dir/slurm.conf"
        scancel --quiet --user="$(id -un)" 2>/dev/null || true
        # Wait for cancelled jobs to end, so their slurmstepd processes exit while slurmd still runs.
        deadline=$((SECONDS + 30))
        while [ $SECONDS -lt $deadline ] && [ -n "$(squeue -h -o %i 2>/dev/null)" ]; do sleep 0.2; done
    fi
    for name in slurmd slurmctld munged; do
        pid=$(live_pid "$dir" "$name") || continue
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + 20))
        while [ $SECONDS -lt $deadline ] && live_pid "$dir" "$name" >/dev/null; do sleep 0.1; done
        if pid=$(live_pid "$dir" "$name"); then
            say "$name ($pid) did not stop on TERM; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$dir"
}

cluster_dir() {
    local dir=${1:-${FLASHSPLAT_LOCAL_SLURM:-}}
    if [ -z "$dir" ] && [ -n "${SLURM_CONF:-}" ]; then dir=$(dirname "$SLURM_CONF"); fi
    if [ -z "$dir" ]; then
        say "which cluster? give its folder or set FLASHSPLAT_LOCAL_SLURM (start prints it)"
        exit 2
    fi
    echo "$dir"
}

case "${1:-}" in
    start)
        [ $# = 1 ] || usage
        start
        ;;
    stop)
        [ $# -le 2 ] || usage
        dir=$(cluster_dir "${2:-}")
        if [ ! -d "$dir" ]; then
            say "no cluster in $dir (already stopped?)"
            exit 0
        fi
        stop_dir "$dir"
        say "stopped the cluster in $dir"
        echo "unset SLURM_CONF FLASHSPLAT_LOCAL_SLURM"
        ;;
    install)
        # Only installs (CI runs it before the tests); exit 3 where that is not possible.
        [ $# = 1 ] || usage
        have_slurm || install_slurm
        ;;
    status)
        [ $# -le 2 ] || usage
        dir=$(cluster_dir "${2:-}")
        down=0
        for name in munged slurmctld slurmd; do
            if pid=$(live_pid "$dir" "$name"); then
                echo "$name running (pid $pid)"
            else
                echo "$name not running"
                down=1
            fi
        done
        exit $down
        ;;
    *) usage ;;
esac
