// Boundary between the sandbox runner (containers, images, sink) and the recording layer
// (strace parsing, sink-event merging, harness). Raw artifacts cross it, nothing Docker-specific.

/** One line of the sink's JSONL log (sandbox/sink writes these). `ts` is Unix seconds (float). */
export type SinkEvent =
  | { ts: number; kind: 'dns'; proto: 'udp' | 'tcp'; name: string; qtype: string; answer?: string }
  | {
      ts: number;
      kind: 'tcp' | 'udp';
      /** Original destination (SO_ORIGINAL_DST / IP6T_SO_ORIGINAL_DST for TCP). */
      dst: { ip: string; port: number };
      src?: { ip: string; port: number };
      /** Name the fake DNS handed `dst.ip` out for, when it did. */
      host?: string;
      /** First bytes the client sent (base64, at most 4 KiB). */
      firstBytes?: string;
      sni?: string;
      http?: {
        method: string;
        host: string;
        path: string;
        headers: Record<string, string>;
        /** base64 */
        bodyPrefix: string;
        tls: boolean;
      };
    }
  | { ts: number; kind: 'note'; message: string };

export interface SandboxLimits {
  memoryBytes: number;
  pids: number;
  /** CPUs as a fraction, e.g. 1 = one core */
  cpus: number;
  /** Bytes of stdout+stderr kept; the rest is dropped and marked truncated. */
  outputBytes: number;
  /** Size of the writable tmpfs areas. */
  tmpfsBytes: number;
}

export interface SandboxRunRequest {
  /** Host directory holding the executables to run; mounted read-only at /opt/harness. */
  hostDir: string;
  /** argv inside the sample container, e.g. ['/opt/harness/harness']. */
  argv: string[];
  timeoutMs: number;
  limits?: Partial<SandboxLimits>;
  env?: Record<string, string>;
  /** Label for logs and container names. */
  label?: string;
}

export interface SandboxRunRaw {
  status: 'completed' | 'timeout' | 'crashed' | 'error';
  exitCode?: number;
  /** Wall-clock start of the traced program, Unix ms: strace -tt times and sink ts are relative to this. */
  startedAtMs: number;
  durationMs: number;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  /** Text of `strace -f -tt -s ... -o` (one file; see sandbox/README.md for the flags). */
  straceLog: string;
  sinkEvents: SinkEvent[];
  /** Set when status is 'error' (engine failure, not the sample's doing). */
  error?: string;
}
