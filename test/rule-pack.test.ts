// The bundled rule pack's own inline tests, as `gosnare rules test` runs them: a rule change that
// breaks one of its match / no-match snippets fails the suite, not only the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testRules } from '../src/static/rules/commands.js';
import { loadRules } from '../src/static/rules/load.js';

test('every rule of the bundled pack loads and passes its match and no-match tests', () => {
  const report = testRules();
  assert.deepEqual(report.errors, []);
  assert.ok(report.results.length >= 30, `only ${report.results.length} rules`);
  const failed = report.results.filter((r) => !r.passed).map((r) => `${r.ruleId}: ${r.failures.join('; ')}`);
  assert.deepEqual(failed, []);
  assert.ok(report.passed);
});

test('every rule of the bundled pack has both match and no-match tests', () => {
  const lacking = loadRules().rules.filter((r) => !r.tests.match.length || !r.tests.noMatch.length).map((r) => r.id);
  assert.deepEqual(lacking, []);
});
