#!/usr/bin/env bash
# Runs a command on this machine as if it lacked the sandbox's defences: in a private mount namespace (so nothing
# outside changes) bubblewrap is hidden from /usr/bin (an overlay with a whiteout for it, so it is "not installed")
# and the cgroup hierarchies are covered by an empty tmpfs (so no cgroup is writable). What the tests then see is
# what a laptop without bubblewrap or a container without cgroups gives Fathom. Needs root (mounts).
# Usage: eng/scripts/degraded.sh COMMAND [ARGS...]
set -euo pipefail
if [ "${FATHOM_DEGRADED_INSIDE:-}" != 1 ]; then
  exec env FATHOM_DEGRADED_INSIDE=1 unshare --mount --propagation private -- "$0" "$@"
fi

scratch=$(mktemp -d)
mkdir -p "$scratch/upper" "$scratch/work"
mknod "$scratch/upper/bwrap" c 0 0          # an overlay whiteout: the file is absent in the merged view
mount -t overlay fathom-degraded -o "lowerdir=/usr/bin,upperdir=$scratch/upper,workdir=$scratch/work" /usr/bin
mount -t tmpfs fathom-no-cgroups /sys/fs/cgroup
if command -v bwrap >/dev/null 2>&1 || [ -e /sys/fs/cgroup/memory ]; then
  echo "degraded.sh: could not hide bubblewrap or the cgroups" >&2
  exit 1
fi
export FATHOM_TEST_DEGRADED=1
exec "$@"
