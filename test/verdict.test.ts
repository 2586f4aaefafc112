import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeVerdict } from '../src/verdict/score.js';
import type { DynamicResult, Finding, Phase, StaticResult } from '../src/result/schema.js';

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'r', severity: 'low', category: 'exec', message: 'm', file: 'a.go', line: 1, column: 1, snippet: '', recoveredStrings: [], ...over };
}

function staticWith(findings: Finding[]): StaticResult {
  return { filesScanned: 1, bytesScanned: 1, parseErrors: [], imports: [], findings, iocs: { urls: [], ips: [], domains: [], commands: [] }, recoveredStrings: [], durationMs: 1 };
}

function phase(over: Partial<Phase>): Phase {
  return {
    name: 'import',
    status: 'completed',
    durationMs: 1000,
    stdoutTail: '',
    stderrTail: '',
    outputTruncated: false,
    processes: [{ pid: 10, ppid: 0, argv: ['/opt/harness/harness'], path: '/opt/harness/harness', ts: 0 }],
    network: { dns: [], connections: [] },
    files: [],
    timeline: [],
    ...over,
  };
}

const dyn = (p: Phase): DynamicResult => ({ image: 'x', phases: [p], durationMs: 1 });

test('a lone low-severity capability stays clean; a medium one is suspicious', () => {
  assert.equal(computeVerdict({ static: staticWith([finding({ severity: 'low', context: 'main' })]), moduleFindings: [] }).level, 'clean');
  assert.equal(computeVerdict({ static: staticWith([finding({ severity: 'medium' })]), moduleFindings: [] }).level, 'suspicious');
});

test('high severity is malicious at import time and suspicious in an ordinary function', () => {
  const atImport = computeVerdict({ static: staticWith([finding({ severity: 'high', context: 'reachable-from-init' })]), moduleFindings: [] });
  assert.equal(atImport.level, 'malicious');
  const inFunc = computeVerdict({ static: staticWith([finding({ severity: 'high', context: 'function' })]), moduleFindings: [] });
  assert.equal(inFunc.level, 'suspicious');
  assert.equal(inFunc.score, 40);
});

test('repeats of one rule count a tenth after the first', () => {
  const v = computeVerdict({ static: staticWith([finding({ severity: 'medium', line: 1 }), finding({ severity: 'medium', line: 2 })]), moduleFindings: [] });
  assert.equal(v.score, 11);
});

test('thresholds are configurable', () => {
  const v = computeVerdict({ static: staticWith([finding({ severity: 'medium' })]), moduleFindings: [] }, { suspicious: 50, malicious: 200 });
  assert.equal(v.level, 'clean');
});

test('a process spawned during import is malicious and confirms the static command', () => {
  const f = finding({ severity: 'medium', recoveredStrings: ['/bin/sh -c id'] });
  const p = phase({ processes: [...phase({}).processes, { pid: 11, ppid: 10, argv: ['/bin/sh', '-c', 'id'], path: '/bin/sh', ts: 0.1 }] });
  const v = computeVerdict({ static: staticWith([f]), dynamic: dyn(p), moduleFindings: [] });
  assert.equal(v.level, 'malicious');
  assert.ok(v.reasons.some((r) => r.source === 'dynamic' && r.evidence.includes('/bin/sh -c id')));
  assert.equal(v.reasons.find((r) => r.source === 'static')?.confirmed, true);
});

test('a benign run adds nothing; sandbox checks are suspicious; attacking the tracer is malicious', () => {
  assert.equal(computeVerdict({ static: staticWith([]), dynamic: dyn(phase({})), moduleFindings: [] }).level, 'clean');
  const looked = phase({ timeline: [{ ts: 0.1, kind: 'file', pid: 10, summary: 'read /proc/1/cgroup [sandbox check]', tags: ['sandbox-check'] }] });
  assert.equal(computeVerdict({ static: staticWith([]), dynamic: dyn(looked), moduleFindings: [] }).level, 'suspicious');
  const attacked = phase({ timeline: [{ ts: 0.1, kind: 'signal', pid: 10, summary: 'kill(1, SIGKILL) (pid 1 is the tracer)', tags: ['tracer-attack'] }] });
  assert.equal(computeVerdict({ static: staticWith([]), dynamic: dyn(attacked), moduleFindings: [] }).level, 'malicious');
});

test('bait reads are malicious in any phase; file writes at import are suspicious', () => {
  const bait = phase({ name: 'main:x/cmd', files: [{ path: '/home/dev/.aws/credentials', op: 'read', pid: 10, bait: true, ts: 0.2 }] });
  assert.equal(computeVerdict({ static: staticWith([]), dynamic: dyn(bait), moduleFindings: [] }).level, 'malicious');
  const write = phase({ files: [{ path: '/tmp/x', op: 'write', pid: 10, ts: 0.2 }] });
  assert.equal(computeVerdict({ static: staticWith([]), dynamic: dyn(write), moduleFindings: [] }).level, 'suspicious');
});

test('findings in test files and testdata weigh a tenth, never malicious-grade, and alone never reach suspicious', () => {
  const unbuilt = [finding({ severity: 'critical', file: 'x/a_test.go' }), finding({ severity: 'critical', file: 'testdata/b.go', ruleId: 'q' })];
  const v = computeVerdict({ static: staticWith(unbuilt), moduleFindings: [] });
  assert.equal(v.score, 5, 'a tenth each (20), all of them at most half the suspicious threshold');
  assert.equal(v.level, 'clean');
  assert.ok(v.reasons.every((r) => r.grade !== 'malicious'));
  assert.deepEqual(v.reasons.map((r) => r.weight), [10, 10]);
  // With evidence from built code they still count.
  const tipped = computeVerdict({ static: staticWith([...unbuilt, finding({ severity: 'low', file: 'a.go', ruleId: 'l' })]), moduleFindings: [] });
  assert.equal(tipped.score, 8);
  const withMedium = computeVerdict({ static: staticWith([...unbuilt, finding({ severity: 'medium', file: 'a.go', ruleId: 'm' })]), moduleFindings: [] });
  assert.equal(withMedium.score, 15);
  assert.equal(withMedium.level, 'suspicious');
});

test('a rule repeated many times adds at most its weight once more', () => {
  const many = Array.from({ length: 30 }, (_, i) => finding({ severity: 'medium', line: i + 1 }));
  assert.equal(computeVerdict({ static: staticWith(many), moduleFindings: [] }).score, 20);
});

test('low findings score per package: scattered over packages they stay clean, together in one they do not', () => {
  const lows = (files: string[]) => files.map((file, i) => finding({ severity: 'low', ruleId: `r${i}`, file }));
  const scattered = computeVerdict({ static: staticWith(lows(['a/x.go', 'b/x.go', 'c/x.go', 'd/x.go'])), moduleFindings: [] });
  assert.equal(scattered.level, 'clean');
  assert.equal(scattered.score, 3);
  assert.equal(scattered.reasons.length, 4, 'every finding is still a reason');
  const together = computeVerdict({ static: staticWith(lows(['a/x.go', 'a/y.go', 'a/z.go', 'a/w.go'])), moduleFindings: [] });
  assert.equal(together.level, 'suspicious');
  assert.equal(together.score, 12);
});

test('suspicious findings reach malicious by their sum only when one package holds them', () => {
  const mediums = (files: string[]) => files.map((file, i) => finding({ severity: 'medium', ruleId: `m${i}`, file, context: 'function' }));
  const spread = computeVerdict({ static: staticWith(mediums(Array.from({ length: 11 }, (_, i) => `p${i}/x.go`))), moduleFindings: [] });
  assert.equal(spread.score, 110);
  assert.equal(spread.level, 'suspicious');
  const together = computeVerdict({ static: staticWith(mediums(Array.from({ length: 11 }, (_, i) => `p/x${i}.go`))), moduleFindings: [] });
  assert.equal(together.score, 110);
  assert.equal(together.level, 'malicious');
});

test('a finding marked notBuilt counts as unbuilt code: a tenth, never malicious-grade', () => {
  const v = computeVerdict({ static: staticWith([finding({ severity: 'critical', file: 'internal/testutils/x.go', notBuilt: true })]), moduleFindings: [] });
  assert.equal(v.reasons[0]!.weight, 10);
  assert.equal(v.reasons[0]!.grade, 'suspicious');
  assert.equal(v.level, 'clean');
  assert.match(v.reasons[0]!.evidence, /never built into a dependent/);
});

test('import-time code in a file that builds only for other platforms is not malicious-grade by its context', () => {
  const init = { severity: 'high' as const, context: 'init' as const, file: 'lib/time_android.go' };
  const everywhere = computeVerdict({ static: staticWith([finding(init)]), moduleFindings: [] });
  assert.equal(everywhere.level, 'malicious');
  const android = computeVerdict({ static: staticWith([finding({ ...init, platformConstraint: 'file name _android.go' })]), moduleFindings: [] });
  assert.equal(android.reasons[0]!.grade, 'suspicious');
  assert.equal(android.level, 'suspicious');
  assert.match(android.reasons[0]!.evidence, /builds only for other platforms: file name _android\.go/);
  // A critical shape (curl | sh) stays malicious wherever it builds.
  const critical = computeVerdict({ static: staticWith([finding({ ...init, severity: 'critical', platformConstraint: 'file name _android.go' })]), moduleFindings: [] });
  assert.equal(critical.level, 'malicious');
});
