// Static scan benchmark: `node dist/bench/static.js [dir] [--workers N] [--rules PATH] [--cache]`
// (default dir: $(go env GOROOT)/src). Prints throughput, peak RSS and finding counts. With --cache the
// scan fills a fresh scan cache, and a second scan of the same tree from that cache is timed too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';
import { scanModule } from '../src/static/scan.js';
import { ScanCache } from '../src/static/scan-cache.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
const dir = positional[0] ?? `${execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim()}/src`;
const rulesPath = arg('--rules') ?? defaultRulesDir();
const workers = arg('--workers') !== undefined ? Number(arg('--workers')) : undefined;

const rules = loadRules([rulesPath]);
if (rules.errors.length) console.error(`${rules.errors.length} rule error(s); first: ${rules.errors[0]!.file}:${rules.errors[0]!.line} ${rules.errors[0]!.message}`);
console.log(`rules: ${rules.rules.length} from ${rulesPath} (pack ${rules.hash.slice(0, 12)})`);
console.log(`scanning ${dir} with ${workers ?? 'default'} workers ...`);
const cacheDir = process.argv.includes('--cache') ? mkdtempSync(join(tmpdir(), 'gosnare-bench-cache-')) : undefined;
const cache = cacheDir ? new ScanCache(cacheDir, rules.hash) : undefined;

/** Resident bytes of a process (from /proc), 0 when it is gone. */
function rssOf(pid: number | 'self'): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Proportional set size of a process (from /proc), 0 when it is gone: shared pages (the node binary,
 * the tree-sitter library) are divided among the processes that map them, so a sum over the scan
 * processes counts them once instead of once per process as a sum of RSS does.
 */
function pssOf(pid: number | 'self'): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Direct children of this process (the scan processes), from /proc. */
function childPids(): number[] {
  const pids: number[] = [];
  try {
    for (const task of readdirSync('/proc/self/task')) {
      const list = readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim();
      if (list) pids.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    /* not Linux: children not counted */
  }
  return pids;
}

/** CPU seconds of reaped children (utime+stime of the scan processes), from /proc/self/stat. */
function childrenCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

// The scan runs in child processes: peak RSS is the peak of the whole tree's sum, sampled.
let peakSampled = 0;
let peakSelf = 0;
let peakChildren = 0;
let peakPss = 0;
// PSS is read only at a new RSS peak or once a second: reading smaps_rollup walks a process's page
// tables (~1 ms each at 120 MB), and read for all processes every 100 ms it took the bench's own
// process 4.6 CPU-s over GOROOT, CPU the scan processes then did not get.
let lastPss = 0;
const sampler = setInterval(() => {
  const pids = childPids();
  const self = rssOf('self');
  const children = pids.reduce((n, pid) => n + rssOf(pid), 0);
  const newPeak = self + children > peakSampled;
  peakSampled = Math.max(peakSampled, self + children);
  peakSelf = Math.max(peakSelf, self);
  peakChildren = Math.max(peakChildren, children);
  if (newPeak || performance.now() - lastPss >= 1000) {
    lastPss = performance.now();
    peakPss = Math.max(peakPss, pssOf('self') + pids.reduce((n, pid) => n + pssOf(pid), 0));
  }
}, 100);
const childCpuBefore = childrenCpuSeconds();
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const result = await scanModule(dir, { rules, workers, cache });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6 + (childrenCpuSeconds() - childCpuBefore);

const mb = result.bytesScanned / 1e6;
// maxRSS (KiB) covers this process only (inline scans); the sampled sum covers the scan processes.
const peakRssMb = Math.max(process.resourceUsage().maxRSS / 1024, peakSampled / 1024 / 1024);
const count = <T extends string>(keys: T[]) => {
  const m = new Map<T, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};
console.log(`files: ${result.filesScanned}`);
console.log(`MB: ${mb.toFixed(1)}`);
console.log(`seconds: ${seconds.toFixed(2)}`);
console.log(`MB/s: ${(mb / seconds).toFixed(1)}`);
// CPU time of this process and the scan processes: on a shared machine, MB per CPU-second says more than wall time.
console.log(`CPU seconds: ${cpuSeconds.toFixed(1)} (${(mb / cpuSeconds).toFixed(1)} MB per CPU-second)`);
console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`peak RSS MB: ${peakRssMb.toFixed(0)}`);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
if (peakChildren) console.log(`  of which, at their own peaks: this process ${mib(peakSelf)}, scan processes together ${mib(peakChildren)}`);
// The sum of RSS counts pages the processes share (the node binary: ~39 MB each) once per process.
if (peakPss) console.log(`peak PSS MB (shared pages counted once): ${mib(peakPss)}`);
console.log(`parse errors: ${result.parseErrors.length}, recovered strings: ${result.recoveredStrings.length}, imports: ${result.imports.length}`);
const failed = result.parseErrors.filter((e) => e.message.startsWith('scanner failed') || e.message.startsWith('string recovery'));
console.log(`packages/files the scanner failed on (process died, timed out, recovery cut): ${failed.length}`);
for (const e of failed.slice(0, 10)) console.log(`  ${e.file}: ${e.message.slice(0, 160)}`);
console.log(`IOCs: ${result.iocs.urls.length} urls, ${result.iocs.ips.length} ips, ${result.iocs.domains.length} domains, ${result.iocs.commands.length} commands`);
console.log(`findings: ${result.findings.length}`);
console.log('per severity:');
for (const [k, n] of count(result.findings.map((f) => f.severity))) console.log(`  ${k.padEnd(10)} ${n}`);
console.log('per rule:');
for (const [k, n] of count(result.findings.map((f) => f.ruleId))) console.log(`  ${k.padEnd(40)} ${n}`);

if (cacheDir) {
  // The same tree again: every package whose files, rules and scanner code are unchanged comes from the
  // cache (keys still hash every file), as when a batch meets a module version it has scanned before.
  const warmStarted = process.hrtime.bigint();
  const warm = await scanModule(dir, { rules, workers, cache });
  const warmSeconds = Number(process.hrtime.bigint() - warmStarted) / 1e9;
  const same = JSON.stringify(warm.findings) === JSON.stringify(result.findings);
  console.log(`warm cache: ${warmSeconds.toFixed(2)} s, ${(mb / warmSeconds).toFixed(1)} MB/s, findings ${warm.findings.length} (${same ? 'the same' : 'DIFFERENT'})`);
  rmSync(cacheDir, { recursive: true, force: true });
}
