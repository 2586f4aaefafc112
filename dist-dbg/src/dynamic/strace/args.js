// The strace command line the sandbox runner puts in front of the sample. The parser in this folder
// understands exactly what these flags produce (and also the -tt clock form and `[pid N]` prefixes).
/** Syscalls recorded. clone/clone3/fork/vfork give the process tree (and thread -> process mapping). */
export const STRACE_TRACE_SET = [
    'execve',
    'execveat',
    'clone',
    'clone3',
    'fork',
    'vfork',
    'exit_group',
    'socket',
    'connect',
    'bind',
    'listen',
    'sendto',
    'sendmsg',
    'sendmmsg',
    'open',
    'openat',
    'creat',
    'unlink',
    'unlinkat',
    'rename',
    'renameat',
    'renameat2',
    'chmod',
    'fchmodat',
    // Signals and attaches aimed at other processes (the tracer is pid 1). Not tkill/tgkill: the Go
    // runtime preempts goroutines with tgkill(SIGURG) all the time.
    'kill',
    'ptrace',
    // Existence checks without an open (`test -f /.dockerenv`, os.Stat): only sandbox-fingerprint and
    // bait paths are kept by the assembly.
    'access',
    'faccessat',
    'faccessat2',
    'stat',
    'lstat',
    'newfstatat',
    'statx',
];
/**
 * Flags before `-o FILE -- argv...`:
 * -f follow children; -ttt absolute Unix time with microseconds (lines up with the sink's `ts`
 * without depending on the container's time zone); -s 512 string length; -v full argv/env arrays.
 */
export const STRACE_ARGS = ['-f', '-ttt', '-s', '512', '-v', '-e', `trace=${STRACE_TRACE_SET.join(',')}`];
//# sourceMappingURL=args.js.map