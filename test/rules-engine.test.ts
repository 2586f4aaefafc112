import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../src/static/rules/load.js';
import { compileRuleSources } from '../src/static/rules/compile.js';
import { testRules, testSource } from '../src/static/rules/commands.js';
import { runRulesOnPackage } from '../src/static/rules/match.js';
import { queryRequirement, regexRequirement } from '../src/static/rules/derive.js';
import { scanImportPaths } from '../src/static/rules/prefilter.js';
import { parseFile } from '../src/static/parse.js';
import type { CompiledRuleSet } from '../src/static/rules/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'rules');
const good = loadRules([join(fixtures, 'good')]);

function run(set: CompiledRuleSet, ruleId: string, ...sources: string[]) {
  const rule = set.rules.find((r) => r.id === ruleId);
  assert.ok(rule, `rule ${ruleId} loaded`);
  const files = sources.map((src, i) => parseFile(`f${i}.go`, testSource(src)));
  const findings = runRulesOnPackage(files, [rule]);
  // The text pre-filter must never hide a finding.
  assert.deepEqual(runRulesOnPackage(files, [rule], { noPrefilter: true }), findings);
  return findings;
}

test('good fixture rules load without errors', () => {
  assert.deepEqual(good.errors, []);
  assert.deepEqual(good.rules.map((r) => r.id).sort(), ['fx-base64-decode', 'fx-exec-command', 'fx-long-literal', 'fx-shell-dash-c']);
  assert.match(good.hash, /^[0-9a-f]{64}$/);
});

test('callee resolves alias, default and dot imports, not shadowing locals', () => {
  assert.equal(run(good, 'fx-exec-command', 'import x "os/exec"\nfunc f() { x.Command("id") }').length, 1);
  assert.equal(run(good, 'fx-exec-command', 'import "os/exec"\nfunc f() { exec.CommandContext(nil, "id") }').length, 1);
  assert.equal(run(good, 'fx-exec-command', 'import . "os/exec"\nfunc f() { Command("id") }').length, 1);
  // Another package's Command, and a local variable named like the import.
  assert.equal(run(good, 'fx-exec-command', 'import exec "example.test/notexec"\nfunc f() { exec.Command("id") }').length, 0);
  assert.equal(run(good, 'fx-exec-command', 'import "os/exec"\ntype t struct{}\nfunc (t) Command(string) {}\nfunc f() { var exec t; exec.Command("id") }').length, 0);
  assert.equal(run(good, 'fx-exec-command', 'import "os/exec"\nfunc f(exec interface{ Command(string) }) { exec.Command("id") }').length, 0);
  // A local declared in a sibling block does not shadow.
  assert.equal(run(good, 'fx-exec-command', 'import "os/exec"\nfunc f() { if true { exec := 1; _ = exec }; exec.Command("id") }').length, 1);
  // A package variable holding the function stands for it, unless shadowed. (Called from another file,
  // it is not seen: that file's pre-filter finds neither the import nor the name.)
  assert.equal(run(good, 'fx-exec-command', 'import "os/exec"\nvar run = exec.Command\nfunc f() { run("id") }').length, 1);
  assert.equal(run(good, 'fx-exec-command', 'import x "os/exec"\nvar run = x.Command\nfunc init() { run("id") }').length, 1);
  assert.equal(run(good, 'fx-exec-command', 'import "os/exec"\nvar run = exec.Command\nfunc f(run func(string)) { run("id") }').length, 0);
  assert.equal(run(good, 'fx-exec-command', 'import exec "example.test/notexec"\nvar run = exec.Command\nfunc f() { run("id") }').length, 0);
});

test('import condition resolves a renamed encoding/base64', () => {
  assert.equal(run(good, 'fx-base64-decode', 'import b64 "encoding/base64"\nvar v, _ = b64.StdEncoding.DecodeString("aWQ=")').length, 1);
  assert.equal(run(good, 'fx-base64-decode', 'import b64 "example.test/b64"\nvar v, _ = b64.StdEncoding.DecodeString("aWQ=")').length, 0);
});

test('finding carries location, snippet, context and function', () => {
  const [f] = run(good, 'fx-exec-command', 'import "os/exec"\n\nfunc helper() {\n\texec.Command("id")\n}');
  assert.ok(f);
  assert.equal(f.file, 'f0.go');
  assert.equal(f.line, 5); // `package p` was prepended
  assert.equal(f.column, 2);
  assert.equal(f.snippet, 'exec.Command("id")');
  assert.equal(f.context, 'function');
  assert.equal(f.function, 'helper');
});

test('context: init, package-var, reachable-from-init (across files), function, main', () => {
  const ctx = (...src: string[]) => run(good, 'fx-exec-command', ...src).map((f) => `${f.context}:${f.function ?? ''}`);
  assert.deepEqual(ctx('import "os/exec"\nfunc init() { exec.Command("id") }'), ['init:init']);
  assert.deepEqual(ctx('import "os/exec"\nvar _ = exec.Command("id")'), ['package-var:']);
  assert.deepEqual(ctx('import "os/exec"\nvar X = func() int { exec.Command("id"); return 1 }()'), ['package-var:']);
  assert.deepEqual(ctx('var X = f()', 'import "os/exec"\nfunc f() int { return g() }\nfunc g() int { exec.Command("id"); return 1 }'), [
    'reachable-from-init:g',
  ]);
  assert.deepEqual(ctx('import "os/exec"\ntype T struct{}\nfunc (t *T) Run() { exec.Command("id") }\nfunc init() { new(T).Run() }'), [
    'reachable-from-init:T.Run',
  ]);
  assert.deepEqual(ctx('import "os/exec"\nfunc Public() { exec.Command("id") }'), ['function:Public']);
  assert.deepEqual(ctx('package main\nimport "os/exec"\nfunc main() { run() }\nfunc run() { exec.Command("id") }'), ['main:run']);
});

test('rule context restricts where a rule fires; recovered strings are reported', () => {
  const hits = run(good, 'fx-shell-dash-c', 'import "os/exec"\nfunc init() { exec.Command("/bin/sh", "-c", "id").Run() }');
  assert.equal(hits.length, 1);
  assert.deepEqual(hits[0]!.recoveredStrings, ['/bin/sh -c id']);
  assert.equal(run(good, 'fx-shell-dash-c', 'import "os/exec"\nfunc Run() { exec.Command("/bin/sh", "-c", "id").Run() }').length, 0);
  // Unknown arguments are left out of the joined value; the condition still sees "-c".
  assert.equal(run(good, 'fx-shell-dash-c', 'import "os/exec"\nvar cmd string\nvar _ = exec.Command("sh", "-c", cmd)').length, 1);
  assert.equal(run(good, 'fx-shell-dash-c', 'import "os/exec"\nvar _ = exec.Command("ls", "-la")').length, 0);
});

test('not / min-length conditions', () => {
  assert.equal(run(good, 'fx-long-literal', 'var s = "aWQgOyB1bmFtZSAtYSA7IGN1cmwgaHR0cDovL2V4YW1wbGUudGVzdC8="').length, 1);
  assert.equal(run(good, 'fx-long-literal', 'var s = "this is a long message with a lot of words in it, really"').length, 0);
  assert.equal(run(good, 'fx-long-literal', 'var s = "short"').length, 0);
});

test('bad rules: each error names file and line; good rules in the same file still load', () => {
  const set = loadRules([join(fixtures, 'bad'), join(fixtures, 'good')]);
  const broken = join(fixtures, 'bad', 'broken.yaml');
  const at = (ruleId: string) => set.errors.find((e) => e.ruleId === ruleId && e.file === broken);
  assert.deepEqual([at('fx-unknown-key')?.line, at('fx-unknown-key')?.message], [7, "unknown key 'colour' in rule"]);
  assert.equal(at('fx-bad-severity')?.line, 11);
  assert.match(at('fx-bad-severity')!.message, /severity.*info, low, medium, high, critical/);
  assert.match(at('fx-missing-tests')!.message, /missing required key 'tests'/);
  // The query's third line (inside the block scalar) names the unknown node type.
  assert.equal(at('fx-bad-query')?.line, 33);
  assert.match(at('fx-bad-query')!.message, /query does not compile/);
  assert.equal(at('fx-bad-regex')?.line, 44);
  assert.match(at('fx-bad-regex')!.message, /bad regex/);
  const yamlError = set.errors.find((e) => e.file.endsWith('syntax.yaml'));
  assert.ok(yamlError && yamlError.line >= 3 && /YAML/.test(yamlError.message));
  const dup = set.errors.find((e) => /duplicate rule id 'fx-exec-command'/.test(e.message));
  assert.ok(dup, 'duplicate id reported');
  assert.ok(set.rules.some((r) => r.id === 'fx-still-loads'));
  assert.ok(set.rules.some((r) => r.id === 'fx-shell-dash-c'));
});

test('where must refer to captures of the query, and @match is required', () => {
  const base = 'severity: low\ncategory: exec\nmessage: m\ndescription: d\ntests: { match: ["var x = f()"], no-match: ["var y = 1"] }\n';
  const set = compileRuleSources([
    { file: 'a.yaml', text: `id: no-match-capture\nquery: '(call_expression) @call'\n${base}` },
    { file: 'b.yaml', text: `id: typo-capture\nquery: '(call_expression) @match'\nwhere:\n  calee:\n    text: { regex: x }\n${base}` },
    { file: 'c.yaml', text: `id: bad-condition\nquery: '(call_expression) @match'\nwhere:\n  match:\n    regexp: x\n${base}` },
  ]);
  assert.equal(set.rules.length, 0);
  assert.match(set.errors.find((e) => e.file === 'a.yaml')!.message, /@match/);
  assert.deepEqual([set.errors.find((e) => e.file === 'b.yaml')?.line, /@calee/.test(set.errors.find((e) => e.file === 'b.yaml')!.message)], [4, true]);
  const c = set.errors.find((e) => e.file === 'c.yaml')!;
  assert.equal(c.line, 5);
  assert.match(c.message, /unknown key 'regexp'/);
});

test('testRules passes good rules and reports a rule whose tests fail', () => {
  const ok = testRules([join(fixtures, 'good')]);
  assert.equal(ok.passed, true);
  assert.equal(ok.testsRun, 8);
  const bad = testRules([join(fixtures, 'failing')]);
  assert.equal(bad.passed, false);
  assert.deepEqual(bad.results[0]!.failures, ['tests.match[0] produced no finding', 'tests.no-match[0] produced 1 finding(s)']);
  const none = testRules([join(fixtures, 'does-not-exist')]);
  assert.equal(none.passed, false);
});

test('pre-filter derivation from queries and regexes', () => {
  assert.deepEqual(regexRequirement('^//go:linkname\\s+\\S+', ''), [['//go:linkname']]);
  assert.deepEqual(regexRequirement('(?=[\\s\\S]*?os\\.Environ\\(\\))', ''), [['os.Environ()']]);
  assert.deepEqual(regexRequirement('abc|defg', ''), [['abc', 'defg']]);
  assert.deepEqual(regexRequirement('abc|x', ''), []);
  assert.deepEqual(regexRequirement('ab?cdef', ''), [['cdef']]);
  assert.deepEqual(regexRequirement('(?!curl)wget', ''), [['wget']]);
  assert.deepEqual(queryRequirement('(go_statement) @match'), [['go']]);
  assert.deepEqual(queryRequirement('(call_expression function: (identifier) @f (#eq? @f "panic")) @match'), [['('], ['panic']]);
  // A predicate on a capture that may be absent says nothing.
  assert.deepEqual(queryRequirement('(call_expression function: (identifier)? @f (#eq? @f "panic")) @match'), [['(']]);
  assert.deepEqual(queryRequirement('[(go_statement) (defer_statement)] @match'), [['go', 'defer']]);
  // An anchor closing a child list: the words of the rest still count.
  assert.deepEqual(queryRequirement('(for_statement (range_clause left: (expression_list (identifier) @i .))) @match'), [['for'], ['range']]);
});

test('import paths are read from the header without parsing, escapes and raw strings included', () => {
  assert.deepEqual(scanImportPaths('package p\nimport (\n\tx "os/exec"\n\t. `net/http`\n\t"os\\x2fuser"\n)\nfunc f() {}'), new Set(['os/exec', 'net/http', 'os/user']));
  assert.deepEqual(scanImportPaths('// c\npackage p; import "fmt"; import _ "embed"\nvar x = 1'), new Set(['fmt', 'embed']));
  assert.equal(scanImportPaths('not go at all'), null);
});

test('text-with-code follows package functions and methods called by name, not a method many types declare', () => {
  const base = 'severity: high\ncategory: network\nmessage: m\ndescription: d\ntests: { match: ["func F() {}"], no-match: ["func G() {}"] }\n';
  const set = compileRuleSources([
    {
      file: 'a.yaml',
      text: `id: dials-through-code\nquery: '(function_declaration name: (identifier) @match body: (block) @body)'\nwhere:\n  match:\n    any-of: [F]\n  body:\n    text-with-code: { regex: 'net\\.Dial\\(' }\n${base}`,
    },
  ]);
  assert.deepEqual(set.errors, []);
  const one = (src: string) => runRulesOnPackage([parseFile('a.go', testSource(src))], set.rules).length;
  assert.equal(one('import "net"\ntype r struct{}\nfunc (r) send() { net.Dial("tcp", "x") }\nvar rep r\nfunc F() { rep.send() }'), 1);
  assert.equal(one('import "net"\nfunc send() { net.Dial("tcp", "x") }\nfunc F() { send() }'), 1);
  // three types declare Close: which one runs is not known from the name
  assert.equal(
    one('import "net"\ntype a struct{}\ntype b struct{}\ntype c struct{}\nfunc (a) Close() { net.Dial("tcp", "x") }\nfunc (b) Close() {}\nfunc (c) Close() {}\nvar x a\nfunc F() { x.Close() }'),
    0,
  );
  assert.equal(one('import "net"\nfunc F() { println() }\nfunc G() { net.Dial("tcp", "x") }'), 0);
});

test('flows-from follows locals, channels, filled arguments, package values and callers; in-function reads the innermost function', () => {
  const base = 'severity: high\ncategory: exec\nmessage: m\ndescription: d\ntests: { match: ["func F() {}"], no-match: ["func G() {}"] }\n';
  const set = compileRuleSources([
    {
      file: 'a.yaml',
      text: `id: runs-what-it-read\nquery: '(call_expression function: (selector_expression) @callee arguments: (argument_list) @args) @match'\nwhere:\n  callee:\n    callee: { package: os/exec, name: Command }\n  args:\n    flows-from: { regex: 'SOURCE' }\n${base}`,
    },
    {
      file: 'b.yaml',
      text: `id: runs-in-a-loop\nquery: '(call_expression function: (selector_expression) @callee) @match'\nwhere:\n  callee:\n    callee: { package: os/exec, name: Command }\n  match:\n    in-function: { regex: '^func\\(\\)' }\n${base}`,
    },
  ]);
  assert.deepEqual(set.errors, []);
  const ids = (src: string) => runRulesOnPackage([parseFile('a.go', testSource(`import "os/exec"\n${src}`))], set.rules).map((f) => f.ruleId);
  const flows = (src: string) => ids(src).filter((id) => id === 'runs-what-it-read').length;
  // through two locals, whatever they were split into
  assert.equal(flows('func F() { line := SOURCE(); parts := split(line); exec.Command(parts[0]) }'), 1);
  // a channel the value was sent on, and a buffer a call filled
  assert.equal(flows('func F() { ch := make(chan string); go func() { ch <- SOURCE() }(); exec.Command(<-ch) }'), 1);
  assert.equal(flows('func F(c conn) { buf := make([]byte, 9); c.Read(buf); _ = SOURCE; exec.Command(string(buf)) }'), 0);
  assert.equal(flows('func F() { var v cfg; decode(x, &v); exec.Command(v.Bin) }\nvar x = SOURCE()'), 1);
  // a package value, and what the package's callers pass (two calls up, not three)
  assert.equal(flows('var cmdline = SOURCE()\nfunc F() { exec.Command(cmdline) }'), 1);
  assert.equal(flows('func run(s string) { exec.Command(s) }\nfunc G() { run(SOURCE()) }'), 1);
  assert.equal(flows('func run(s string) { exec.Command(s) }\nfunc G(t string) { run(t) }\nfunc H() { G(SOURCE()) }'), 1);
  assert.equal(flows('func run(s string) { exec.Command(s) }\nfunc G(t string) { run(t) }\nfunc H(u string) { G(u) }\nfunc I() { H(SOURCE()) }'), 0);
  // what a package function or a method (declared by at most two types) returns, and what the package writes into a package variable elsewhere
  assert.equal(flows('func get() string { return SOURCE() }\nfunc F() { exec.Command("x" + get()) }'), 1);
  assert.equal(flows('func get() string { f := func() string { return "id" }; return f() }\nfunc F() { exec.Command(get()) }\nvar _ = SOURCE'), 0);
  assert.equal(flows('type t struct{}\nfunc (t) line() string { return SOURCE() }\nvar v t\nfunc F() { exec.Command(v.line()) }'), 1);
  assert.equal(flows('var state = map[string]string{}\nfunc Load() { state["k"] = SOURCE() }\nfunc F() { exec.Command(state["k"]) }'), 1);
  // a value stored into the receiver by a method call (buf.Write, v.Set)
  assert.equal(flows('func F() { var b buffer; b.Write(SOURCE()); exec.Command(b.String()) }'), 1);
  // a func literal called in place gets its arguments
  assert.equal(flows('func F() { x := SOURCE(); go func(s string) { exec.Command(s) }(x) }'), 1);
  // a table ranged over gives only the field read of its elements, unless they cannot be told apart
  assert.equal(flows('func F() { a := SOURCE(); steps := []struct{ why string; exec []string }{{why: "x" + a, exec: []string{"ip"}}}\nfor _, s := range steps { exec.Command(s.exec[0]) } }'), 0);
  assert.equal(flows('func F() { a := SOURCE(); steps := []struct{ why string; exec []string }{{why: "x", exec: []string{"ip", a}}}\nfor _, s := range steps { exec.Command(s.exec[1]) } }'), 1);
  assert.equal(flows('var steps = map[string]step{"k": {why: "x", exec: []string{"ip"}}, "l": {why: SOURCE()}}\nfunc F() { for _, s := range steps { exec.Command(s.exec[0]) } }'), 0);
  assert.equal(flows('func F() { a := SOURCE(); steps := []step{{"x", []string{a}}}\nfor _, s := range steps { exec.Command(s.exec[0]) } }'), 1);
  assert.equal(flows('func F() { c := &cfg{Name: "x", Bin: SOURCE()}; exec.Command(c.Bin) }'), 1);
  assert.equal(flows('func F() { a := SOURCE(); args := []string{"ip", a}; exec.Command(args[0], args[1:]...) }'), 1);
  assert.equal(flows('func F() { a := SOURCE(); args := []string{"ip", a}; exec.Command(args[0]) }'), 0);
  assert.equal(flows('func F() { a := SOURCE(); for _, c := range [][]string{{"ip", a}} { exec.Command(c[0]) } }'), 0);
  assert.equal(flows('func F() { a := SOURCE(); for _, c := range [][]string{{"ip", "x"}, {a}} { exec.Command(c[0]) } }'), 1);
  assert.equal(flows('func F() { a := SOURCE(); for i := range [][]string{{"ip", a}} { exec.Command(i) } }'), 1);
  assert.equal(flows('func F() { c := &cfg{Name: SOURCE(), Bin: "id"}; exec.Command(c.Bin) }'), 0);
  assert.equal(flows('func F() { a := SOURCE(); steps := []struct{ exec []string }{{exec: []string{"ip"}}}; exec.Command(steps) ; _ = a }'), 0);
  assert.equal(flows('func F() { a := SOURCE(); s := []step{{why: a}}; exec.Command(s) }'), 1);
  // a value made elsewhere in the function, that the command does not read
  assert.equal(flows('func F() { x := SOURCE(); y := "id"; _ = x; exec.Command(y) }'), 0);
  // the innermost function literal, not the declaration around it
  const loops = (src: string) => ids(src).filter((id) => id === 'runs-in-a-loop').length;
  assert.equal(loops('func F() { go func() { exec.Command("id") }() }'), 1);
  assert.equal(loops('func F() { exec.Command("id") }'), 0);
});
