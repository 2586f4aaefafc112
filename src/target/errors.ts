// The one error type target resolution throws for bad input; the CLI maps it to exit code 2.
export type TargetErrorKind =
  | 'not-found' // no such file, directory, module or version
  | 'invalid' // exists but is not a module dir / module zip / module path
  | 'rejected-zip' // a module zip that breaks Go's zip rules (traversal, symlinks, bombs, ...)
  | 'refused' // GOPROXY=off, GONOPROXY/GOPRIVATE, insecure proxy, unsupported source
  | 'network'; // proxy unreachable, timeout, bad response

export class TargetError extends Error {
  constructor(
    readonly target: string,
    readonly kind: TargetErrorKind,
    detail: string,
    options?: { cause?: unknown },
  ) {
    // One line, so the CLI can print it as is.
    super(`${target}: ${detail}`.replace(/\s*\n\s*/g, ' '), options);
    this.name = 'TargetError';
  }
}
