#!/usr/bin/env node
// Checks the sample modules themselves (not gosnare): every sample builds offline and has a
// well-formed expect.json; with --dynamic, each sample's import-time behaviour is observed under
// strace in a private network namespace (loopback only, every IPv4 address local, a tiny sink)
// and compared with expect.json's `dynamic` lists.
//
//   node samples/_tools/check-samples.mjs [--dynamic] [sample ...]
//
// --dynamic needs root, unshare(1), strace(1) and ip(8). It runs the samples on this host's file
// system with HOME pointed at a scratch directory; the network namespace keeps all traffic local.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const samplesDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const dynamic = args.includes('--dynamic');
const only = args.filter((a) => !a.startsWith('--'));

const VERDICTS = ['malicious', 'suspicious', 'clean'];
const CATEGORIES = ['exec', 'network', 'import-time', 'obfuscation', 'persistence', 'credential-access',
  'exfiltration', 'destructive', 'evasion', 'embedded-binary', 'cgo', 'supply-chain'];
const RESERVED_IP = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/;
const RESERVED_NAME = /\.(test|invalid|example)$/;

const goEnv = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off' };

/** Sample directories: those holding an expect.json. */
function listSamples() {
  const names = readdirSync(samplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(samplesDir, d.name, 'expect.json')))
    .map((d) => d.name)
    .sort();
  return only.length ? names.filter((n) => only.includes(n)) : names;
}

const isStrArray = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Returns a list of problems with one expect.json (empty when fine). */
function checkExpectShape(e) {
  const p = [];
  if (!VERDICTS.includes(e.verdict)) p.push(`verdict ${JSON.stringify(e.verdict)}`);
  const s = e.static ?? {};
  if (!isStrArray(s.mustFireCategories)) p.push('static.mustFireCategories');
  else for (const c of s.mustFireCategories) if (!CATEGORIES.includes(c)) p.push(`unknown category ${c}`);
  if (!isStrArray(s.mustRecover)) p.push('static.mustRecover');
  for (const k of ['domains', 'ips', 'urls']) if (!isStrArray(s.iocs?.[k])) p.push(`static.iocs.${k}`);
  for (const ip of s.iocs?.ips ?? []) if (!RESERVED_IP.test(ip)) p.push(`non-reserved IP ${ip}`);
  for (const d of s.iocs?.domains ?? []) if (!RESERVED_NAME.test(d)) p.push(`non-reserved name ${d}`);
  const d = e.dynamic ?? {};
  if (!Array.isArray(d.processes) || !d.processes.every(isStrArray)) p.push('dynamic.processes');
  if (!isStrArray(d.dns)) p.push('dynamic.dns');
  else for (const n of d.dns) if (!RESERVED_NAME.test(n)) p.push(`non-reserved name ${n}`);
  if (!isStrArray(d.connections)) p.push('dynamic.connections');
  else for (const c of d.connections) {
    const m = /^(.+):(\d+)$/.exec(c);
    if (!m || !RESERVED_IP.test(m[1])) p.push(`connection ${c} is not reserved-ip:port`);
  }
  if (e.verdict === 'clean' && (s.mustFireCategories?.length || d.processes?.length || d.dns?.length || d.connections?.length)) {
    p.push('clean sample with expectations of malicious behaviour');
  }
  return p;
}

function goCheck(dir) {
  for (const cmd of [['vet', './...'], ['build', './...']]) {
    const r = spawnSync('go', cmd, { cwd: dir, env: goEnv, encoding: 'utf8' });
    if (r.status !== 0) return `go ${cmd.join(' ')}: ${r.stderr.trim()}`;
  }
  return '';
}

/** Builds a harness binary that blank-imports every importable library package of the sample. */
function buildHarness(sampleDir, work) {
  const mod = /^module\s+(\S+)/m.exec(readFileSync(join(sampleDir, 'go.mod'), 'utf8'))[1];
  const pkgs = execFileSync('go', ['list', '-f', '{{.ImportPath}} {{.Name}}', './...'], { cwd: sampleDir, env: goEnv, encoding: 'utf8' })
    .trim().split('\n').map((l) => l.split(' '))
    .filter(([path, name]) => name !== 'main' && !/(^|\/)internal(\/|$)/.test(path.slice(mod.length)))
    .map(([path]) => path);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'go.mod'), `module harness\n\ngo 1.22\n\nrequire ${mod} v0.0.0\n\nreplace ${mod} => ${sampleDir}\n`);
  writeFileSync(join(work, 'main.go'), `package main\n\nimport (\n${pkgs.map((p) => `\t_ "${p}"\n`).join('')})\n\nfunc main() {}\n`);
  execFileSync('go', ['build', '-o', 'harness', '.'], { cwd: work, env: goEnv });
  return join(work, 'harness');
}

// Runs inside `unshare --net`: make every IPv4 address local, start the sink, trace the harness.
const NETNS_SCRIPT = `
set -u
ip link set lo up
ip route add local 0.0.0.0/0 dev lo table local
SINK_TXT="\${SINK_TXT:-}" "$SINK_BIN" > "$OUT/sink.log" 2>&1 &
SINK_PID=$!
sleep 0.3
HOME="$OUT/home" timeout 30 strace -f -qq -e trace=execve -s 4096 -o "$OUT/strace.log" "$HARNESS" > "$OUT/stdout.log" 2>&1
echo $? > "$OUT/rc"
sleep 1
kill $SINK_PID
`;

/** Successful execve argv lists from an strace -f log, excluding the traced harness itself. */
function parseExecs(log, harness) {
  const execs = [];
  const pending = new Map();
  for (const line of log.split('\n')) {
    // 854   execve("/bin/sh", ["/bin/sh", "-c", "id"], 0x3985e054120 /* 35 vars */) = 0
    // 861   execve("/bin/bash", ["/bin/bash"], 0x55f8 /* 35 vars */ <unfinished ...>
    // 861   <... execve resumed>)             = 0
    const start = /^(\d+)\s+execve\("((?:[^"\\]|\\.)*)", (\[.*?\]), .*?(?:\) = (-?\d+)|<unfinished \.\.\.>)/.exec(line);
    if (start) {
      let argv;
      try { argv = JSON.parse(start[3]); } catch { continue; }
      if (start[2] === harness) continue;
      if (start[4] === undefined) pending.set(start[1], argv);
      else if (start[4] === '0') execs.push(argv);
      continue;
    }
    const resumed = /^(\d+)\s+<\.\.\. execve resumed>.*= (-?\d+)/.exec(line);
    if (resumed && pending.has(resumed[1])) {
      if (resumed[2] === '0') execs.push(pending.get(resumed[1]));
      pending.delete(resumed[1]);
    }
  }
  return execs;
}

function parseSink(log) {
  const dns = new Set();
  const conns = new Set();
  for (const line of log.split('\n')) {
    let m = /^SINK dns (\S+) type=/.exec(line);
    if (m) dns.add(m[1].toLowerCase().replace(/\.$/, ''));
    m = /^SINK tcp (\S+) first=/.exec(line);
    if (m) conns.add(m[1]);
  }
  return { dns: [...dns], conns: [...conns] };
}

function runDynamic(name, expect, work, sinkBin) {
  const harness = buildHarness(join(samplesDir, name), join(work, 'harness'));
  const out = join(work, 'out');
  mkdirSync(join(out, 'home'), { recursive: true });
  const t0 = Date.now();
  const r = spawnSync('unshare', ['--net', 'bash', '-c', NETNS_SCRIPT], {
    env: { ...process.env, SINK_BIN: sinkBin, OUT: out, HARNESS: harness }, encoding: 'utf8', timeout: 60_000,
  });
  if (r.status !== 0) return [`netns run failed: ${r.stderr.trim()}`];
  const seconds = (Date.now() - t0) / 1000;
  const execs = parseExecs(readFileSync(join(out, 'strace.log'), 'utf8'), harness);
  const { dns, conns } = parseSink(readFileSync(join(out, 'sink.log'), 'utf8'));
  const problems = [];
  const want = expect.dynamic;
  for (const argv of want.processes) {
    if (!execs.some((e) => JSON.stringify(e) === JSON.stringify(argv))) problems.push(`process not seen: ${JSON.stringify(argv)}`);
  }
  for (const n of want.dns) if (!dns.includes(n)) problems.push(`DNS query not seen: ${n}`);
  for (const c of want.connections) if (!conns.includes(c)) problems.push(`connection not seen: ${c}`);
  if (!want.processes.length && !want.dns.length && !want.connections.length) {
    if (execs.length) problems.push(`unexpected processes: ${JSON.stringify(execs)}`);
    if (dns.length) problems.push(`unexpected DNS: ${dns.join(', ')}`);
    if (conns.length) problems.push(`unexpected connections: ${conns.join(', ')}`);
  }
  if (seconds > 15) problems.push(`import phase took ${seconds.toFixed(1)} s`);
  return problems;
}

function main() {
  const names = listSamples();
  if (names.length === 0) throw new Error('no samples found');
  const tmp = mkdtempSync(join(tmpdir(), 'gosnare-samples-'));
  let sinkBin = '';
  if (dynamic) {
    if (process.getuid?.() !== 0) throw new Error('--dynamic needs root (unshare --net, ip route)');
    sinkBin = join(tmp, 'sink');
    execFileSync('go', ['build', '-o', sinkBin, '.'], { cwd: join(samplesDir, '_tools', 'sink'), env: goEnv });
  }
  let failed = 0;
  for (const name of names) {
    const expect = JSON.parse(readFileSync(join(samplesDir, name, 'expect.json'), 'utf8'));
    const problems = checkExpectShape(expect);
    const buildErr = goCheck(join(samplesDir, name));
    if (buildErr) problems.push(buildErr);
    if (!existsSync(join(samplesDir, name, 'README.md'))) problems.push('README.md missing');
    if (dynamic && !buildErr) problems.push(...runDynamic(name, expect, join(tmp, name), sinkBin));
    if (problems.length) failed++;
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.map((p) => `\n       ${p}`).join('')}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  console.log(`${names.length - failed}/${names.length} samples ok${dynamic ? ' (static build + dynamic)' : ''}`);
  process.exitCode = failed ? 1 : 0;
}

main();
