// Import-time code under a constant that default builds make false (const-guards.ts, Finding.disabledBy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';
import { scanModule } from '../src/static/scan.js';
import { ConstGuards } from '../src/static/const-guards.js';
import { buildsByDefault } from '../src/static/build-constraints.js';
import { findingReason } from '../src/verdict/score.js';
import { makeModule } from './helpers/modules.js';

const rules = loadRules([defaultRulesDir()]);

test('a file builds by default unless a custom tag, another platform or ignore keeps it out', () => {
  assert.equal(buildsByDefault('a.go', 'package p\n'), true);
  assert.equal(buildsByDefault('a.go', '//go:build !perfmap\n\npackage p\n'), true);
  assert.equal(buildsByDefault('a.go', '//go:build perfmap\n\npackage p\n'), false);
  assert.equal(buildsByDefault('a.go', '//go:build linux && (amd64 || arm64) && go1.21 && cgo\n\npackage p\n'), true);
  assert.equal(buildsByDefault('a_plan9.go', 'package p\n'), false);
  assert.equal(buildsByDefault('a.go', '//go:build ignore\n\npackage p\n'), false);
  assert.equal(buildsByDefault('a.go', '// +build gccgo\n\npackage p\n'), false);
});

test('the blocks around a position are checked for an if on a constant false in default builds', () => {
  const files = [
    { rel: 'off.go', source: '//go:build !trace\n\npackage p\n\nconst Enabled = false\n' },
    { rel: 'on.go', source: '//go:build trace\n\npackage p\n\nconst Enabled = true\n' },
    { rel: 'group.go', source: 'package p\n\nconst (\n\tdebug bool = false\n\tlive = true\n)\n\nvar mutable = false\n' },
    {
      rel: 'init.go',
      source: 'package p\n\nfunc init() {\n\tif Enabled {\n\t\tw()\n\t}\n\tif debug {\n\t\tif x {\n\t\t\tw()\n\t\t}\n\t}\n\tif !Enabled {\n\t\tw()\n\t}\n\tif live {\n\t\tw()\n\t}\n\tif mutable {\n\t\tw()\n\t}\n\tw()\n\tif false {\n\t\tw()\n\t}\n}\n',
    },
  ];
  const guards = new ConstGuards(files);
  const at = (line: number) => guards.guardAt(files[3]!, line, 3);
  assert.match(at(5) ?? '', /^if Enabled \(false in default builds, off\.go\)$/);
  assert.match(at(9) ?? '', /^if debug /);
  assert.equal(at(13), undefined); // !Enabled runs
  assert.equal(at(16), undefined); // live is true
  assert.equal(at(19), undefined); // a var can change at run time
  assert.equal(at(21), undefined);
  assert.equal(at(23), 'if false');
});

test('an init that writes a file only when a tag-selected constant is true is not malicious-grade; one whose constant is true is', async () => {
  const init = 'package m\n\nimport "os"\n\nfunc init() {\n\tif PerfMap {\n\t\tos.WriteFile("/tmp/perf.map", nil, 0o644)\n\t}\n}\n';
  for (const [defaultValue, disabled] of [['false', true], ['true', false]] as const) {
    const dir = makeModule({
      'go.mod': 'module example.test/m\n',
      'init.go': init,
      'default.go': `//go:build !perfmap\n\npackage m\n\nconst PerfMap = ${defaultValue}\n`,
      'tagged.go': `//go:build perfmap\n\npackage m\n\nconst PerfMap = ${defaultValue === 'false'}\n`,
    });
    try {
      const result = await scanModule(dir, { rules, workers: 0 });
      const write = result.findings.find((f) => f.ruleId === 'import-time-file-write');
      assert.ok(write, result.findings.map((f) => f.ruleId).join(' '));
      assert.equal(Boolean(write.disabledBy), disabled, JSON.stringify(write));
      assert.equal(findingReason(write, 'static').grade, disabled ? 'suspicious' : 'malicious');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
