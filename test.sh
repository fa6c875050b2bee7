#!/usr/bin/env bash
# Installs what the tests need (idempotent) and runs the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=eng/scripts/prereqs.sh
. "$root/eng/scripts/prereqs.sh"

fathom_prereqs g++ make cmake autoconf automake libtool

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
