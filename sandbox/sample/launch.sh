#!/bin/sh
# Entry of the sample container: launch.sh <trace-dir> <argv...>
# Runs as root with only CAP_SETUID/CAP_SETGID (and no-new-privileges). The sample itself runs as
# "dev" (uid 1000, no capabilities) via `strace -u dev`, so it cannot signal or ptrace strace and
# cannot write the trace: <trace-dir> is a sticky (1777) bind mount and the trace goes into a
# root-owned 0755 subdirectory made here.
set -eu
TRACE_DIR=$1
shift
umask 022
mkdir -m 0755 "$TRACE_DIR/t"
# Populate the tmpfs home as the user, so the files belong to dev.
setpriv --reuid=1000 --regid=1000 --clear-groups -- cp -R --preserve=mode,timestamps /usr/share/gosnare/home/. /home/dev/ 2>/dev/null || true
cd /home/dev
exec strace -f -tt -s 512 -v -I 2 \
  -e trace=execve,execveat,connect,sendto,sendmsg,bind,listen,socket,openat,open,unlink,unlinkat,rename,renameat2,chmod,fchmodat,exit_group \
  -u dev -o "$TRACE_DIR/t/strace.log" -- "$@"
