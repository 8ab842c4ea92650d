#!/usr/bin/env bash
# The sharded sweep on a real Slurm (issue 20): a one-node cluster started here (munged, slurmctld, slurmd,
# on a private slurm.conf through SLURM_CONF; nothing under /etc/slurm is touched), `arbench slurm` writes
# the array for a tiny grid (4 cells, 3 shards, 1 repetition), submit.sh submits it and the dependent merge,
# then the merged run must hold every cell exactly once, all ok, one output digest, and `arbench check` and
# `arbench advise` must read it. The daemons this script started are stopped by their pids on exit.
# Needs root (it installs Debian's slurmctld, slurmd, slurm-client and munge when missing) and a built
# arbench (make build). About 1 minute after the packages are installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
arbench="$PWD/.build/release/arbench"
limit_s=${ARBENCH_SLURM_TIMEOUT:-180}

say() { echo "slurm test: $*"; }
if [ "$(id -u)" -ne 0 ]; then
    say "SKIPPED: needs root to install and start munged, slurmctld and slurmd (CI runs it as root)"
    exit 0
fi
[ -x "$arbench" ] || { say "error: $arbench is missing: run make build first"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurmctld slurmd slurm-client munge"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi

work="$(mktemp -d /tmp/arbench-slurm.XXXXXX)"
chmod 755 "$work"
started=()
cleanup() {
    status=$?
    # Jobs still queued or running (a timeout) are cancelled while slurmctld is up; then only the daemons this
    # script started, by the pids it recorded.
    if [ -n "${array:-}" ]; then scancel "$array" "${merge:-}" 2>/dev/null || true; sleep 1; fi
    for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    done
    say "daemons stopped; files in $work"
    exit "$status"
}
trap cleanup EXIT

# munge: a 1024-byte key owned by munge, mode 400; munged as the munge user (unless one already runs).
munged_running() { [ -s /run/munge/munged.pid ] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null; }
if ! munged_running; then
    if [ ! -s /etc/munge/munge.key ]; then
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
    mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge
    runuser -u munge -- munged
    for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
    started+=("$(cat /run/munge/munged.pid)")
fi

node="$(hostname -s)"
cpus="$(nproc)"
memory_mb=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=arbench
SlurmctldHost=$node
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$node CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=bench Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld
for _ in $(seq 50); do [ -s "$work/slurmctld.pid" ] && break; sleep 0.1; done
started+=("$(cat "$work/slurmctld.pid")")
slurmd
for _ in $(seq 50); do [ -s "$work/slurmd.pid" ] && break; sleep 0.1; done
started+=("$(cat "$work/slurmd.pid")")
for i in $(seq 60); do
    state="$(sinfo -h -n "$node" -o %t 2>/dev/null || true)"
    [ "$state" = "idle" ] && break
    [ "$i" -eq 60 ] && { say "error: node $node not idle after 30 s (state '$state')"; sinfo || true; tail -20 "$work"/slurm*.log; exit 1; }
    sleep 0.5
done
say "one-node cluster up: $node, $cpus CPUs, $memory_mb MB (sinfo: idle)"

cat > "$work/tiny.yaml" <<'SPEC'
name: slurm-tiny
description: the sharded-sweep test on a one-node Slurm (Tests/slurm/run.sh)
audio: {generate: {duration: 3s, seed: 3}}
model: tiny
engine_threads: [1, 2]
intra_op_threads: [1, 2]
repetitions: 1
timeout: 1m
expectations:
  - all_ok: true
  - digests_equal: true
SPEC
"$arbench" slurm "$work/tiny.yaml" --shards 3 --out "$work/array" --partition bench --time 10
sh "$work/array/submit.sh"
array="$(cat "$work/array/array.jobid")"
merge="$(cat "$work/array/merge.jobid")"

deadline=$(( $(date +%s) + limit_s ))
while [ -n "$(squeue -h -j "$array,$merge" 2>/dev/null)" ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
        say "error: jobs $array (array) and $merge (merge) not done after ${limit_s} s"
        squeue || true
        sacct -j "$array,$merge" 2>&1 || true
        scontrol show job "$array" || true
        tail -n 30 "$work"/array/logs/* "$work"/slurm*.log || true
        exit 1
    fi
    sleep 1
done
say "array $array and merge $merge finished"
for log in "$work"/array/logs/*; do echo "--- $log"; tail -n 5 "$log"; done

merged="$work/array/merged"
[ -f "$merged/results.csv" ] || { say "error: no merged run in $merged"; cat "$work"/array/logs/merge.out || true; exit 1; }
python3 - "$merged/results.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
cells = [r["cell_id"] for r in rows]
expected = {"threads-e1-i1-x1-glibc-default-wdefault", "threads-e2-i1-x1-glibc-default-wdefault",
            "threads-e1-i2-x1-glibc-default-wdefault", "threads-e2-i2-x1-glibc-default-wdefault"}
problems = []
if sorted(cells) != sorted(expected):
    problems.append(f"cells {sorted(cells)}, expected each of {sorted(expected)} once")
if any(r["status"] != "ok" for r in rows):
    problems.append("not ok: " + ", ".join(r["cell_id"] for r in rows if r["status"] != "ok"))
if len({r["output_digest"] for r in rows}) != 1:
    problems.append("output digests differ: " + ", ".join(sorted({r["output_digest"] for r in rows})))
if any(not r["hostname"] or not r["machine_fingerprint"] for r in rows):
    problems.append("a row without its machine")
if problems:
    print("slurm test: error: " + "; ".join(problems))
    sys.exit(1)
print(f"slurm test: merged run: {len(rows)} cells, each once, all ok, one digest, on {sorted({r['hostname'] for r in rows})}")
PY
shards_made="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["merge"]["parts"]))' "$merged/meta.json")"
[ "$shards_made" -eq 3 ] || { say "error: meta.json merge lists $shards_made shards, not 3"; exit 1; }
"$arbench" check "$merged"
"$arbench" advise "$merged" >/dev/null
say "ok: 3 shards on Slurm merged into $merged; check and advise accept it"
