// Queries over a batch store built from fixture results (with dynamic phases), through the CLI:
// which modules contacted a domain, fired a rule, spawned a shell; the summary table; `report`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../src/batch/run.js';
import { parseTargetList } from '../src/batch/targets.js';
import { silentProgress } from '../src/batch/progress.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');
const fixture = (name) => JSON.parse(readFileSync(join(root, 'test/fixtures/results', name), 'utf8'));
const run = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
async function fixtureBatch() {
    const out = join(mkdtempSync(join(tmpdir(), 'gosnare-query-')), 'out');
    const byKey = {
        'example.test/dropper@v1.3.2': 'typosquat-dropper.dynamic.json',
        'example.test/revshell@v0.1.0': 'init-reverse-shell.dynamic.json',
        'example.test/clean@v1.0.0': 'benign-cli-git.static.json',
    };
    await runBatch({
        targets: parseTargetList([...Object.keys(byKey), 'example.test/broken@v0.0.1'].join('\n'), out),
        outDir: out,
        staticOnly: true,
        progress: silentProgress,
        analyze: async (t) => (byKey[t.key] ? { ok: true, result: { ...fixture(byKey[t.key]), target: t.key } } : { ok: false, error: 'go build failed: exit 1', errorKind: 'error' }),
    });
    return out;
}
test('results: by domain (subdomains too), rule, spawned shell, verdict, failed', async () => {
    const out = await fixtureBatch();
    const q = (...args) => {
        const r = run(['results', out, '--format', 'json', ...args]);
        return { code: r.status, rows: JSON.parse(r.stdout) };
    };
    const byDomain = q('--ioc', 'decimal-cdn.example');
    assert.deepEqual(byDomain.rows.map((r) => r.target), ['example.test/dropper@v1.3.2']);
    assert.ok(byDomain.rows[0].matchedIndicators.some((i) => i.value === 'mirror.decimal-cdn.example' && i.seen === 'both'));
    assert.deepEqual(q('--ioc', '203.0.113.7').rows.map((r) => r.target), ['example.test/revshell@v0.1.0']);
    assert.deepEqual(q('--ioc', '198.51.100.23').rows.map((r) => r.target), ['example.test/dropper@v1.3.2']);
    assert.deepEqual(q('--rule', 'network-reverse-shell-conn-stdio').rows.map((r) => r.target), ['example.test/revshell@v0.1.0']);
    const shells = q('--spawned-shell');
    assert.deepEqual(shells.rows.map((r) => r.target).sort(), ['example.test/dropper@v1.3.2', 'example.test/revshell@v0.1.0']);
    assert.ok(shells.rows.find((r) => r.target === 'example.test/revshell@v0.1.0').shells.some((a) => a.join(' ') === '/bin/sh -i'));
    assert.deepEqual(q('--verdict', 'clean').rows.map((r) => r.target), ['example.test/clean@v1.0.0']);
    assert.deepEqual(q('--failed').rows.map((r) => r.target), ['example.test/broken@v0.0.1']);
    const none = q('--ioc', 'nothing-here.invalid');
    assert.equal(none.code, 1);
    assert.deepEqual(none.rows, []);
});
test('batch summary: severity order and formats', async () => {
    const out = await fixtureBatch();
    const text = run(['batch', 'summary', out]).stdout.split('\n');
    const order = ['revshell', 'dropper', 'broken', 'clean'].map((k) => text.findIndex((l) => l.includes(`example.test/${k}`)));
    assert.ok(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1])), text.join('\n'));
    const md = run(['batch', 'summary', out, '--format', 'md', '--sort', 'target']).stdout;
    assert.match(md, /^4 targets: 2 malicious, 0 suspicious, 1 failed, 1 clean\./);
    assert.match(md, /\| `example\.test\/broken@v0\.0\.1` \| \*\*failed\*\* \|  \| [\d.]+ \| error: go build failed: exit 1 \|/);
    const csv = run(['batch', 'summary', out, '--format', 'csv']).stdout.trim().split('\n');
    assert.equal(csv.length, 5);
    assert.match(csv[1], /^example\.test\/revshell@v0\.1\.0,malicious,740,/);
});
test('report renders a batch result file and rejects a failure record', async () => {
    const out = await fixtureBatch();
    const files = readdirSync(join(out, 'results'));
    const clean = join(out, 'results', files.find((f) => f.startsWith('example.test_clean')));
    const md = run(['report', clean, '--format', 'md']);
    assert.equal(md.status, 0);
    assert.match(md.stdout, /^# gosnare: CLEAN/);
    const dropper = join(out, 'results', files.find((f) => f.startsWith('example.test_dropper')));
    const html = run(['report', dropper, '--format', 'html']);
    assert.equal(html.status, 1);
    assert.match(html.stdout, /id="verdict">MALICIOUS</);
    const broken = run(['report', join(out, 'results', files.find((f) => f.startsWith('example.test_broken')))]);
    assert.equal(broken.status, 2, 'a failure record is not a result');
    assert.match(broken.stderr, /not a gosnare result/);
});
//# sourceMappingURL=batch-query.test.js.map