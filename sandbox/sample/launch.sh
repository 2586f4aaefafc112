#!/bin/sh
# Entry of the sample container: launch.sh <trace-dir> <strace options...> -- <argv...>
# The strace options come from src/dynamic/strace/args.ts (STRACE_ARGS), the one place that says what
# the parser understands.
# Runs as root with only CAP_SETUID/CAP_SETGID/CAP_SYS_PTRACE/CAP_KILL/CAP_DAC_OVERRIDE (and
# no-new-privileges). The sample itself runs as "dev" (uid 1000, no capabilities) via
# `strace -u dev`, so it cannot signal or ptrace strace and cannot write the trace: <trace-dir> is
# an owner-only (0700) bind mount, which root enters with CAP_DAC_OVERRIDE, and the trace goes into
# a root-owned 0755 subdirectory made here.
set -eu
TRACE_DIR=$1
shift
STRACE_OPTS=""
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    -o|-u|-p) echo "launch.sh: strace option $1 is set here, not by the caller" >&2; exit 64 ;;
  esac
  STRACE_OPTS="$STRACE_OPTS $1"
  shift
done
[ "${1:-}" = "--" ] || { echo "launch.sh: usage: launch.sh <trace-dir> <strace options...> -- <argv...>" >&2; exit 64; }
shift
umask 022
mkdir -m 0755 "$TRACE_DIR/t"
# Populate the tmpfs home as the user, so the files belong to dev.
setpriv --reuid=1000 --regid=1000 --clear-groups -- cp -R --preserve=mode,timestamps /usr/share/gosnare/home/. /home/dev/ 2>/dev/null || true
cd /home/dev
# shellcheck disable=SC2086 # the options are single words (no spaces) by construction in args.ts
exec strace $STRACE_OPTS -I 2 -u dev -o "$TRACE_DIR/t/strace.log" -- "$@"
