// Where gosnare gets GOPROXY / GONOPROXY / GOPRIVATE: explicit options, then the environment,
// then `go env` (which also reads the user's go env file), then Go's public proxy.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProxySettings {
  goproxy: string;
  /** Comma-separated globs of modules that must not be fetched through a proxy. */
  noProxy: string;
}

export const DEFAULT_GOPROXY = 'https://proxy.golang.org';

async function goEnv(names: string[]): Promise<Record<string, string>> {
  try {
    const { stdout } = await run('go', ['env', '-json', ...names], { timeout: 10_000, env: { ...process.env, GOFLAGS: '' } });
    return JSON.parse(stdout) as Record<string, string>;
  } catch {
    return {}; // no Go toolchain: fall back to defaults
  }
}

export async function proxySettings(
  explicit: { goproxy?: string; gonoproxy?: string; goprivate?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProxySettings> {
  // An explicit option wins even when empty; an empty environment variable counts as unset (as in Go).
  let goproxy = explicit.goproxy || env.GOPROXY || undefined;
  // As in Go, GONOPROXY defaults to GOPRIVATE.
  let noProxy = explicit.gonoproxy ?? (env.GONOPROXY || undefined) ?? explicit.goprivate ?? (env.GOPRIVATE || undefined);
  if (goproxy === undefined || noProxy === undefined) {
    const fromGo = await goEnv(['GOPROXY', 'GONOPROXY', 'GOPRIVATE']);
    goproxy ??= fromGo.GOPROXY || undefined;
    noProxy ??= fromGo.GONOPROXY || fromGo.GOPRIVATE || undefined;
  }
  return { goproxy: goproxy ?? DEFAULT_GOPROXY, noProxy: noProxy ?? '' };
}
