#!/usr/bin/env bash
# Cost of isolation on this machine: process start (`node -e 0`) plain, under bwrap, under bwrap in a
# pre-created network namespace, and the full chain with the cgroup join; then the HTTP round trip
# through a socket made inside the namespace vs plain loopback (RoundTrip.cs). Needs root, bwrap, hyperfine.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-30}
NS=fathom-bench-$$
ETC=$(mktemp -d)
CG=fathom-bench-$$
cleanup() {
  ip netns del "$NS" 2>/dev/null || true
  rmdir /sys/fs/cgroup/memory/$CG /sys/fs/cgroup/pids/$CG 2>/dev/null || true
  rm -rf "$ETC"
}
trap cleanup EXIT
printf 'sbx_user:x:993:993::/tmp:/bin/sh\n' > "$ETC/passwd"
printf 'sbx_user:x:993:\n' > "$ETC/group"
ip netns add "$NS"
ip -n "$NS" link set lo up
mkdir -p /sys/fs/cgroup/memory/$CG /sys/fs/cgroup/pids/$CG
echo $((512 * 1024 * 1024)) > /sys/fs/cgroup/memory/$CG/memory.limit_in_bytes
echo 256 > /sys/fs/cgroup/pids/$CG/pids.max

# The same filesystem layout SandboxSpec.BuildArgv produces (merged /usr: /bin, /lib, /lib64, /sbin are symlinks).
BWRAP="bwrap --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/sbin /sbin --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
 --ro-bind $ETC/passwd /etc/passwd --ro-bind $ETC/group /etc/group --ro-bind-try /etc/ld.so.cache /etc/ld.so.cache \
 --ro-bind $PWD/testassets/isolation /var/task --tmpfs /tmp --proc /proc --dev /dev \
 --unshare-all --die-with-parent --new-session --uid 993 --gid 993 --clearenv --setenv PATH /usr/bin:/bin --chdir /var/task"
JOIN="sh -c 'echo \$\$ > /sys/fs/cgroup/memory/$CG/cgroup.procs && echo \$\$ > /sys/fs/cgroup/pids/$CG/cgroup.procs && exec \"\$@\"' fathom-cgroup"

hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$ETC/start.json" \
  -n 'plain (env -i)' 'env -i PATH=/usr/bin:/bin node -e 0' \
  -n 'bwrap --share-net' "$BWRAP --share-net -- node -e 0" \
  -n 'bwrap --unshare-net (own empty netns)' "$BWRAP -- node -e 0" \
  -n 'nsenter netns + bwrap' "nsenter --net=/run/netns/$NS -- $BWRAP --share-net -- node -e 0" \
  -n 'cgroup join + nsenter + bwrap' "$JOIN nsenter --net=/run/netns/$NS -- $BWRAP --share-net -- node -e 0"

python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%s: median %.1f ms, mean %.1f ms" % (r["command"], r["median"] * 1000, r["mean"] * 1000))
' "$ETC/start.json"

dotnet run bench/isolation/RoundTrip.cs "${ROUNDS:-7}"
