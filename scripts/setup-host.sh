#!/usr/bin/env bash
# Host set-up for gosnare: Debian packages the tool and its tests use, then the npm dependencies.
# Idempotent; safe to run again. The Docker engine is started by scripts/setup-docker.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pair in "strace:strace" "git:git" "debootstrap:debootstrap" "iptables:iptables" "go:golang-go" "chromium:chromium"; do
  cmd=${pair%%:*}; pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "gosnare setup: missing ${need[*]}; install them (as root: apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "gosnare setup: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install (it also builds via `prepare`).
stamp=node_modules/.gosnare-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
