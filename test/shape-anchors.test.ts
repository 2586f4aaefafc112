import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANCHOR_SOURCE } from '../src/static/shape-anchors.js';
import { parseFile, type SyntaxNode } from '../src/static/parse.js';
import { findParseErrors } from '../src/static/parse-errors.js';
import { runRulesOnPackage } from '../src/static/rules/match.js';
import { buildPackageScope, recoverAllInFile } from '../src/static/strings/recover.js';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';

// The anchor package keeps one object of each per-package shape alive only if its scan makes them:
// it must parse cleanly, show most node types, fire rules and give recovery something to run.
test('the shape-anchor package parses cleanly and exercises the rules and string recovery', () => {
  const file = parseFile('anchor.go', ANCHOR_SOURCE);
  assert.deepEqual(findParseErrors(file.tree.rootNode), []);
  const types = new Set<string>();
  const walk = (n: SyntaxNode) => {
    types.add(n.type);
    for (const c of n.children) walk(c);
  };
  walk(file.tree.rootNode);
  assert.ok(types.size >= 130, `${types.size} node types`);
  const scope = buildPackageScope([file]);
  const ruleIds = new Set(runRulesOnPackage([file], loadRules([defaultRulesDir()]).rules, { scope }).map((f) => f.ruleId));
  for (const id of ['import-time-exec-shell', 'obfuscation-xor-repeating-key', 'network-dial-hardcoded-ip']) assert.ok(ruleIds.has(id), `${id} in ${[...ruleIds].join(' ')}`);
  const recovered = recoverAllInFile(file, scope, undefined, { plainLiterals: false }).map((r) => r.value);
  assert.ok(recovered.includes('id'), recovered.join(' | '));
});
