#!/usr/bin/env bash
# Installs what the tests need (idempotent) and runs the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=eng/scripts/prereqs.sh
. "$root/eng/scripts/prereqs.sh"

# The runtime's native build needs the compilers; the integration tests drive Fathom with the real aws CLI v2.
fathom_prereqs g++ make cmake autoconf automake libtool bubblewrap slirp4netns socat awscli

# The AWS SDK for JavaScript the integration tests call the Invoke API with; reinstalled when its lock file changes.
sdk="$root/testassets/sdk"
sdk_lock="$(sha256sum "$sdk/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$sdk/node_modules/.fathom-lock-sha256" 2>/dev/null)" != "$sdk_lock" ]; then
  (cd "$sdk" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$sdk_lock" >"$sdk/node_modules/.fathom-lock-sha256"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Fathom.slnx -c Debug --nologo -v q -clp:NoSummary

# The runtime tests run real functions on the Node runtime client; build it into the shared cache once per machine.
"$root/fathom" runtimes install

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test --solution Fathom.slnx --no-build -c Debug "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# One plain closing line that any CI reader understands.
count() { awk -v key="$1" '$1 == key":" { print $2 }' "$log" | tail -1; }
echo "$(count succeeded || echo 0) passed, $(count failed || echo 0) failed, $(count skipped || echo 0) skipped"
exit "$rc"
