// The pre-filter decides which files are never parsed: it must be sound (never reject a file a rule
// matches) and cheap. These tests pin the derivations that make it selective.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disjunctionGroups, dropUnselectiveLead, hasContextSensitiveSyntax, regexRequirement } from '../src/static/rules/derive.js';
import { matchesWithinOneDeclaration } from '../src/static/rules/compile-doc.js';
import { NeedleScanner } from '../src/static/rules/needle-scan.js';
import { compileRuleSources } from '../src/static/rules/compile.js';
import { factsOf, prefilterPasses } from '../src/static/rules/prefilter.js';

test('regex escapes: escaped backslashes, \\x and \\u are literals; backreferences and classes claim nothing', () => {
  // `\\x7f` in a rule regex is a backslash followed by "x7f" (Go source text of an escaped byte).
  assert.deepEqual(regexRequirement('^"\\\\x7[fF]ELF', ''), [['"\\x7'], ['ELF']]);
  assert.deepEqual(regexRequirement('\\x41BC', ''), [['ABC']]);
  assert.deepEqual(regexRequirement('(\\w+)=\\1;abc', ''), [[';abc']]);
  assert.deepEqual(regexRequirement('\\d+def\\tghi', ''), [['def\tghi']]);
  assert.equal(hasContextSensitiveSyntax('\\\\b'), false); // an escaped backslash then "b"
  assert.equal(hasContextSensitiveSyntax('a\\b'), true);
  assert.equal(hasContextSensitiveSyntax('(x)\\1'), true);
  assert.equal(hasContextSensitiveSyntax('(?<=x)y'), true);
  assert.equal(hasContextSensitiveSyntax('(?:x)y'), false);
});

test('unselective leads are dropped only when a literal then leads', () => {
  assert.equal(dropUnselectiveLead('\\w+\\.(StdEncoding|URLEncoding)'), '\\.(StdEncoding|URLEncoding)');
  assert.equal(dropUnselectiveLead('["`](\\S*/)?(Login Data|Web Data)["`]'), '(Login Data|Web Data)["`]');
  assert.equal(dropUnselectiveLead('((\\S*/)?\\.ssh/)?id_rsa'), 'id_rsa');
  // A class then a repeated class: nothing literal would lead, keep the original.
  assert.equal(dropUnselectiveLead('["`][A-Za-z0-9+/]{1024,}={0,2}["`]'), '["`][A-Za-z0-9+/]{1024,}={0,2}["`]');
  // A group with a branch that is not literal-led stays.
  assert.equal(dropUnselectiveLead('["`]((\\S*/)?x|y)'), '["`]((\\S*/)?x|y)');
  assert.equal(dropUnselectiveLead('\\s*'), null);
});

test('the word automaton finds exactly the words includes() finds', () => {
  const words = ['he', 'she', 'his', 'hers', 'exec.Command(', 'Getenv', 'Get', 'net/http', 'ab', 'b'];
  const scanner = new NeedleScanner(words);
  const folded = new NeedleScanner(words, true);
  const texts = ['ushers', 'x := os.Getenv("HOME"); exec.Command("id")', 'import "net/http"\n// é ü ☃ he', '', 'GETENV ExEc.cOmMaNd(', 'aab'];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 200; i++) {
    texts.push(Array.from({ length: 40 }, () => 'abehirsGetnv(.é'[Math.floor(rand() * 15)]).join(''));
  }
  for (const text of texts) {
    const found = scanner.scan(text);
    const foundFolded = folded.scan(text);
    scanner.needles.forEach((w, id) => assert.equal(found[id] === 1, text.includes(w), `${JSON.stringify(w)} in ${JSON.stringify(text)}`));
    folded.needles.forEach((w, id) => assert.equal(foundFolded[id] === 1, text.toLowerCase().includes(w), `folded ${JSON.stringify(w)} in ${JSON.stringify(text)}`));
  }
});

const ruleDoc = (extra: string) => `id: t-rule
severity: low
category: obfuscation
message: m
description: d
${extra}
tests:
  match: ['func f() {}']
  no-match: ['func g() {}']
`;

test('a min-length condition becomes a file size requirement', () => {
  const set = compileRuleSources([
    {
      file: 'x.yaml',
      text: ruleDoc("query: '(interpreted_string_literal) @match'\nwhere:\n  match:\n    min-length: 100"),
    },
  ]);
  assert.deepEqual(set.errors, []);
  const rule = set.rules[0]!;
  const small = `package p\nvar s = "${'a'.repeat(50)}"\n`;
  const large = `package p\nvar s = "${'a'.repeat(120)}"\n`;
  assert.equal(prefilterPasses(rule, factsOf('a.go', small, set.rules)), false);
  assert.equal(prefilterPasses(rule, factsOf('a.go', large, set.rules)), true);
});

test('a disjunction keeps a group from every way to pick one group per alternative', () => {
  // (net|tls).Dial ... .Std  |  exec.Command ... .Std : both need Std, one needs Dial, the other Command.
  const req = regexRequirement('(?:net|tls)\\.Dial\\w*\\([\\s\\S]*?\\.Stdin|exec\\.Command\\([\\s\\S]*?\\.Stdout', '');
  assert.ok(req.some((g) => g.every((w) => w.startsWith('.Std'))), JSON.stringify(req));
  assert.ok(req.some((g) => g.includes('.Dial') && g.includes('exec.Command(')), JSON.stringify(req));
  // Sound: each group holds in a text that matches either alternative.
  for (const text of ['c, _ := net.Dial("tcp", a)\ncmd.Stdin = c', 'x := exec.Command("sh")\nx.Stdout = y']) {
    for (const g of req) assert.ok(g.some((w) => text.includes(w)), `${JSON.stringify(g)} in ${text}`);
  }
  // A group implied by a smaller one is not kept; the product is bounded.
  assert.deepEqual(disjunctionGroups([[['a'], ['b']], [['a'], ['c']]], () => 0, (w) => w), [['a'], ['b', 'c']]);
  const wide = Array.from({ length: 4 }, (_, i) => Array.from({ length: 10 }, (_, j) => [`w${i}_${j}`]));
  assert.ok(disjunctionGroups(wide, () => 0, (w) => w).length <= 64);
});

test('a query that wraps one declaration in source_file still matches within one declaration', () => {
  assert.equal(matchesWithinOneDeclaration('[(function_declaration) @fn (source_file (var_declaration) @fn @match)]'), true);
  assert.equal(matchesWithinOneDeclaration('(call_expression) @match'), true);
  for (const q of ['(source_file) @match', '(source_file (var_declaration) @a (function_declaration) @b)', '(source_file (var_declaration)* @a)', '(source_file (var_declaration) @a) @file', '(source_file . (package_clause) @match)']) {
    assert.equal(matchesWithinOneDeclaration(q), false, q);
  }
});
