#!/usr/bin/env bash
# Checks what Fathom needs on this machine. Sourced by ./fathom and ./test.sh.
# Installs missing Debian packages when run as root; otherwise prints the exact apt-get line.
# Usage: fathom_prereqs PACKAGE...   (Debian package names; a package is "present" when dpkg says so)

fathom_prereqs() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done

  if ! command -v dotnet >/dev/null 2>&1; then
    echo "fathom: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2
    return 1
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
  fi

  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "fathom: installing ${missing[*]} ..." >&2
    # One 'apt-get update' per machine is enough; its lists are kept between runs.
    if [ ! -d /var/lib/apt/lists ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
      apt-get update -qq >&2 || return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 \
      || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2; } \
      || return 1
    return 0
  fi

  echo "fathom: missing prerequisites. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  return 1
}
