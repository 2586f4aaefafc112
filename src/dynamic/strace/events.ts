// Typed events the strace parser produces. `pid` is always the process (thread group) id, `tid`
// the thread that made the call; `ts` is the raw strace time in seconds (see ParsedTrace.timeFormat).

export interface SockAddr {
  family: 'ipv4' | 'ipv6' | 'unix' | 'other';
  ip?: string;
  port?: number;
  /** Unix socket path (abstract names start with '@'). */
  path?: string;
  /** strace's text for families we do not decode (AF_NETLINK, ...). */
  raw?: string;
}

export type SocketProto = 'tcp' | 'udp' | 'raw' | 'unix' | 'unknown';

interface Base {
  ts: number | null;
  pid: number;
  tid: number;
  lineNo: number;
}

export interface ExecEvent extends Base {
  kind: 'exec';
  path: string;
  argv: string[];
  /** strace cut an argument (`"..."...`) or left elements out (`...`). */
  argvTruncated: boolean;
  /** Present with -v. */
  env?: string[];
  ok: boolean;
  errno?: string;
}

/** A new process (not a thread) created by clone/clone3/fork/vfork. */
export interface SpawnEvent extends Base {
  kind: 'spawn';
  childPid: number;
  via: string;
}

export interface ExitEvent extends Base {
  kind: 'exit';
  code?: number;
  signal?: string;
}

export interface SignalEvent extends Base {
  kind: 'signal';
  signal: string;
}

export interface SocketEvent extends Base {
  kind: 'socket';
  /** e.g. AF_INET */
  domain: string;
  /** e.g. SOCK_STREAM */
  type: string;
  fd: number | null;
  ok: boolean;
  errno?: string;
}

export interface ConnectEvent extends Base {
  kind: 'connect';
  fd: number | null;
  addr: SockAddr;
  proto: SocketProto;
  /** The kernel accepted the attempt (0 or EINPROGRESS for non-blocking sockets). */
  ok: boolean;
  errno?: string;
}

export interface SendEvent extends Base {
  kind: 'send';
  syscall: 'sendto' | 'sendmsg' | 'sendmmsg';
  fd: number | null;
  /** Destination given with the call; absent on connected sockets. */
  addr?: SockAddr;
  proto: SocketProto;
  data: Buffer;
  dataTruncated: boolean;
  ok: boolean;
  errno?: string;
}

export interface BindEvent extends Base {
  kind: 'bind';
  fd: number | null;
  addr: SockAddr;
  ok: boolean;
}

export interface ListenEvent extends Base {
  kind: 'listen';
  fd: number | null;
  ok: boolean;
}

export interface FileOpEvent extends Base {
  kind: 'file';
  op: 'read' | 'write' | 'delete' | 'rename' | 'chmod';
  path: string;
  /** Rename target. */
  to?: string;
  /** open flags or the chmod mode, as strace printed them. */
  flags?: string[];
  ok: boolean;
  errno?: string;
  syscall: string;
}

/** A fork/clone of a process (not a thread) that the kernel refused, e.g. EAGAIN at the pids limit. */
export interface SpawnFailedEvent extends Base {
  kind: 'spawn-failed';
  via: string;
  errno?: string;
}

/** kill(2) or ptrace(2) aimed at a process: signalling or attaching to another process (or the tracer). */
export interface ProcControlEvent extends Base {
  kind: 'proc-control';
  syscall: 'kill' | 'ptrace';
  /** Target pid as given (kill: may be 0 or negative for process groups). */
  target: number;
  /** kill: the signal (e.g. SIGKILL, or "0" for a liveness probe); ptrace: the request (PTRACE_ATTACH). */
  what: string;
  ok: boolean;
  errno?: string;
}

/** A path looked at without opening it (stat/access family): existence checks. */
export interface ProbeEvent extends Base {
  kind: 'probe';
  path: string;
  syscall: string;
  ok: boolean;
  errno?: string;
}

export type TraceEvent =
  | ExecEvent
  | SpawnEvent
  | SpawnFailedEvent
  | ProcControlEvent
  | ProbeEvent
  | ExitEvent
  | SignalEvent
  | SocketEvent
  | ConnectEvent
  | SendEvent
  | BindEvent
  | ListenEvent
  | FileOpEvent;

export interface TracedProcess {
  pid: number;
  /** 0 when the parent is outside the trace. */
  ppid: number;
  firstTs: number | null;
  execs: ExecEvent[];
  exitCode?: number;
  exitSignal?: string;
  exitTs?: number | null;
  /** Thread ids seen for this process (including the leader). */
  tids: number[];
}

export interface ParsedTrace {
  events: TraceEvent[];
  /** In order of first appearance. */
  processes: TracedProcess[];
  /** Lines no rule understood, verbatim with the reason. */
  unparsed: { lineNo: number; text: string; reason: string }[];
  /** Syscall lines parsed but not turned into events (unexpected argument shapes). */
  skipped: { lineNo: number; name: string; reason: string }[];
  lineCount: number;
  timeFormat: 'epoch' | 'clock' | 'none';
  firstTs: number | null;
}
