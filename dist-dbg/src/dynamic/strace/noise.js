// What counts as housekeeping (not the sample's doing) and what counts as credential access.
// Kept in one place so the filtering rules are easy to review.
/** Unix sockets libc tools probe on every user/group lookup. */
const NSCD_SOCKETS = new Set(['/var/run/nscd/socket', '/run/nscd/socket']);
export function isNscdSocket(path) {
    return path !== undefined && NSCD_SOCKETS.has(path);
}
/** Loopback and private ranges: where a container's resolver lives. */
export function isLocalOrPrivate(ip) {
    if (/^127\./.test(ip) || ip === '::1' || ip === '0.0.0.0' || ip === '::')
        return true;
    if (/^10\./.test(ip) || /^192\.168\./.test(ip) || /^169\.254\./.test(ip))
        return true;
    const m = /^172\.(\d+)\./.exec(ip);
    if (m && Number(m[1]) >= 16 && Number(m[1]) <= 31)
        return true;
    return /^f[cd][0-9a-f]{2}:/i.test(ip) || /^fe80:/i.test(ip);
}
/** Signals that are runtime machinery rather than events (Go preemption, child bookkeeping). */
export const NOISE_SIGNALS = new Set(['SIGURG', 'SIGCHLD', 'SIGWINCH', 'SIGPROF', 'SIGALRM', 'SIGVTALRM']);
const HOME = String.raw `(?:/root|/home/[^/]+|~)`;
/** Planted (or commonly stolen) credential stores, relative to a home directory. */
const BAIT_UNDER_HOME = [
    String.raw `\.ssh(?:/.*)?`,
    String.raw `\.aws/(?:credentials|config)`,
    String.raw `\.netrc`,
    String.raw `\.git-credentials`,
    String.raw `\.docker/config\.json`,
    String.raw `\.kube/config`,
    String.raw `\.npmrc`,
    String.raw `\.pypirc`,
    String.raw `\.config/gh/hosts\.yml`,
    String.raw `\.gnupg(?:/.*)?`,
    String.raw `\.config/gcloud(?:/.*)?`,
    String.raw `\.azure(?:/.*)?`,
    String.raw `\.bash_history`,
    String.raw `\.zsh_history`,
    String.raw `\.config/(?:google-chrome|chromium|BraveSoftware|microsoft-edge)(?:/.*)?`,
    String.raw `\.mozilla/firefox(?:/.*)?`,
    String.raw `\.(?:electrum|bitcoin|ethereum|monero)(?:/.*)?`,
    String.raw `\.config/(?:Exodus|Electrum)(?:/.*)?`,
];
const BAIT = new RegExp(`^${HOME}/(?:${BAIT_UNDER_HOME.join('|')})$`);
export function isBaitPath(path) {
    return BAIT.test(path);
}
/** System files whose read is worth reporting even though they are not planted baits. */
const SENSITIVE_READS = [
    /^\/etc\/(?:g?shadow|sudoers)(?:$|\/)/,
    /^\/proc\/(?:\d+|self)\/environ$/,
    // Another process's root: the classic way from a container to the host's files.
    /^\/proc\/\d+\/root\//,
];
export function isSensitiveRead(path) {
    return SENSITIVE_READS.some((re) => re.test(path));
}
/**
 * Paths a program reads or stats to tell a sandbox or container from a real machine. Kept small on
 * purpose: the Go runtime itself reads /proc/self/cgroup, /proc/self/mountinfo and
 * /sys/fs/cgroup/cpu.max at start (container-aware GOMAXPROCS), so those would be in every run and
 * are not listed; /proc/1/* (the container's init, strace here) is what container checks look at.
 */
const SANDBOX_FINGERPRINTS = [
    /^\/\.dockerenv$/,
    /^\/run\/\.containerenv$/,
    /^\/proc\/1\/(?:cgroup|sched|mountinfo|mounts|status|comm|cmdline|environ|exe)$/,
    /^\/proc\/self\/status$/,
    /^\/proc\/cpuinfo$/,
    /^\/proc\/sys\/kernel\/hostname$/,
    /^\/etc\/hostname$/,
    /^\/sys\/class\/dmi\/id\/(?:product_name|sys_vendor|board_vendor|bios_vendor|product_uuid)$/,
    /^\/proc\/scsi\/scsi$/,
    // The engine's socket: present only in a container that can control its host.
    /^\/(?:var\/)?run\/docker\.sock$/,
];
export function isSandboxFingerprint(path) {
    return SANDBOX_FINGERPRINTS.some((re) => re.test(path));
}
/** Writes/deletes that are plumbing: terminals, /dev/null, kernel interfaces. */
export function isNoiseWritePath(path) {
    return /^\/dev\/(?:null|zero|tty|pts\/|std(?:in|out|err)|fd\/|u?random)/.test(path) || /^\/proc\/self\/(?:fd|task)\//.test(path);
}
//# sourceMappingURL=noise.js.map