#!/bin/sh
# Make a Docker engine available for gosnare's sandbox, idempotently.
#  - If an engine already answers (DOCKER_HOST or the default socket), only check the host tools.
#  - Otherwise, as root: install docker.io/iptables/debootstrap when missing and start dockerd in the
#    background (these machines have no systemd), logging to $GOSNARE_DOCKERD_LOG.
# Also installs debootstrap (needed to build the base image without a registry) and tcpdump
# (used by the isolation test) when missing and we are root.
# Usage: sudo scripts/setup-docker.sh      (CI: runs as root on a fresh machine)
set -eu

DOCKERD_LOG="${GOSNARE_DOCKERD_LOG:-/var/log/dockerd.log}"
WAIT_SECONDS="${GOSNARE_DOCKERD_WAIT:-60}"

say() { printf 'setup-docker: %s\n' "$*"; }
die() { printf 'setup-docker: error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

engine_answers() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 && return 0
  # No docker CLI: ask the API socket directly.
  sock="/var/run/docker.sock"
  case "${DOCKER_HOST:-}" in
    unix://*) sock="${DOCKER_HOST#unix://}" ;;
    tcp://*)
      command -v curl >/dev/null 2>&1 && curl -fsS --max-time 3 "http://${DOCKER_HOST#tcp://}/_ping" >/dev/null 2>&1
      return $? ;;
  esac
  [ -S "$sock" ] && command -v curl >/dev/null 2>&1 &&
    curl -fsS --max-time 3 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1
}

apt_missing=""
need_pkg() { # $1 = command, $2 = package
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ] || apt_missing="$apt_missing $2"
}

install_missing() {
  [ -n "$apt_missing" ] || return 0
  is_root || die "missing:$apt_missing. Run this script as root (sudo) or install them yourself."
  say "installing:$apt_missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends $apt_missing >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $apt_missing >/dev/null; } ||
    die "apt-get install$apt_missing failed"
  apt_missing=""
}

need_pkg debootstrap debootstrap
need_pkg tcpdump tcpdump

if engine_answers; then
  install_missing
  say "Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}; nothing to start."
  exit 0
fi

[ -z "${DOCKER_HOST:-}" ] || die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there. Start that engine or unset DOCKER_HOST."
is_root || die "no Docker engine answers and this is not root. Run: sudo $0"

need_pkg dockerd docker.io
need_pkg iptables iptables
need_pkg curl curl
install_missing

if pgrep -x dockerd >/dev/null 2>&1; then
  say "dockerd is running but not answering yet; waiting"
else
  say "starting dockerd (log: $DOCKERD_LOG)"
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
fi

i=0
while ! engine_answers; do
  i=$((i + 1))
  [ "$i" -le "$WAIT_SECONDS" ] || die "dockerd did not answer within ${WAIT_SECONDS}s; see the last lines of $DOCKERD_LOG:
$(tail -n 20 "$DOCKERD_LOG" 2>/dev/null)"
  sleep 1
done
say "Docker engine is up."
