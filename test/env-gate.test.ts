// Import-time code behind an init's gate on an environment variable the package names (env-gate.ts,
// Finding.envGate): a re-exec helper, not code an importer runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { loadRules, defaultRulesDir } from '../src/static/rules/load.js';
import { scanModule } from '../src/static/scan.js';
import { findingReason } from '../src/verdict/score.js';
import { makeModule } from './helpers/modules.js';

const rules = loadRules([defaultRulesDir()]);

async function importTimeExec(init: string): Promise<{ gate: string | undefined; grade: string }> {
  const dir = makeModule({
    'go.mod': 'module example.test/m\n',
    'wrap.go': `package m\n\nimport (\n\t"os"\n\t"os/exec"\n\t"strings"\n)\n\nvar _ = strings.EqualFold\n\nconst marker = "M_REEXEC_CHILD"\n\n${init}\n\nfunc child() {\n\tcmd := exec.Command(os.Args[1], os.Args[2:]...)\n\tcmd.Run()\n}\n`,
  });
  try {
    const result = await scanModule(dir, { rules, workers: 0 });
    const exec = result.findings.find((f) => f.ruleId === 'import-time-exec');
    assert.ok(exec, result.findings.map((f) => f.ruleId).join(' '));
    return { gate: exec.envGate, grade: findingReason(exec, 'static').grade };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each piece of code runs its exec at import ungated: no gate, a malicious grade. */
async function assertOpen(codes: string[]): Promise<void> {
  for (const code of codes) {
    const open = await importTimeExec(code);
    assert.equal(open.gate, undefined, code);
    assert.equal(open.grade, 'malicious', code);
  }
}

test('an init that returns unless the package\'s own variable is set gates what it reaches; a common or credential variable does not', async () => {
  const gated = await importTimeExec('func init() {\n\tif os.Getenv(marker) == "" {\n\t\treturn\n\t}\n\tchild()\n}');
  assert.match(gated.gate ?? '', /os\.Getenv\(marker\) == "" \{ return \} \(M_REEXEC_CHILD\)/);
  assert.equal(gated.grade, 'suspicious');
  const wrapped = await importTimeExec('func init() {\n\tif os.Getenv("M_CHILD") != "" {\n\t\tchild()\n\t}\n}');
  assert.match(wrapped.gate ?? '', /M_CHILD/);
  // A gate that runs the payload when the variable is unset, or on one every machine sets, or on a credential
  await assertOpen([
    'func init() {\n\tif os.Getenv("M_CHILD") != "" {\n\t\treturn\n\t}\n\tchild()\n}',
    'func init() {\n\tif os.Getenv("HOME") == "" {\n\t\treturn\n\t}\n\tchild()\n}',
    'func init() {\n\tif os.Getenv("GITHUB_ACTIONS") == "" {\n\t\treturn\n\t}\n\tchild()\n}',
    'func init() {\n\tif os.Getenv("DEPLOY_TOKEN") == "" {\n\t\treturn\n\t}\n\tchild()\n}',
    'func init() {\n\tif os.Getenv("M_CHILD") == "" {\n\t\treturn\n\t}\n\tchild()\n}\n\nvar _ = start()\n\nfunc start() int { child(); return 0 }',
  ]);
});

test('the variable read into a local first, then tested, is the same gate; a local from elsewhere is not', async () => {
  const local = await importTimeExec('func init() {\n\tdir := os.Getenv("M_PLUGIN_DIR")\n\tif dir == "" {\n\t\treturn\n\t}\n\tchild()\n}');
  assert.match(local.gate ?? '', /dir := os\.Getenv\("M_PLUGIN_DIR"\); if dir == "" \{ return \}/);
  assert.equal(local.grade, 'suspicious');
  await assertOpen([
    'func init() {\n\tdir := os.Getenv("HOME")\n\tif dir == "" {\n\t\treturn\n\t}\n\tchild()\n}',
    'func init() {\n\tdir := os.Args[0]\n\tif dir == "" {\n\t\treturn\n\t}\n\tchild()\n}',
    'func init() {\n\tdir := os.Getenv("M_PLUGIN_DIR")\n\tif dir != "" {\n\t\treturn\n\t}\n\tchild()\n}',
  ]);
});

test('a condition that is false whenever the variable is unset gates the block it guards, with the read in the if\'s own initializer too', async () => {
  for (const init of [
    'func init() {\n\tif v := os.Getenv("M_STRICT"); v == "1" || strings.EqualFold(v, "true") {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif len(os.Getenv("M_STRICT")) > 0 && true {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif v := os.Getenv(marker); !(v == "") {\n\t\tchild()\n\t}\n}',
    // A switch compared with "1" or "true" is no credential's value, whatever its name.
    'func init() {\n\tif v := os.Getenv("M_STRICT_KEY_CHECK"); v == "1" || strings.EqualFold(v, "true") {\n\t\tchild()\n\t}\n}',
  ]) {
    const gated = await importTimeExec(init);
    assert.match(gated.gate ?? '', /M_STRICT|M_REEXEC_CHILD/, init);
    assert.equal(gated.grade, 'suspicious', init);
  }
  // True when unset, unknown, or reading two variables: the block may run in any importer.
  await assertOpen([
    'func init() {\n\tif v := os.Getenv("M_STRICT"); v == "" || v == "1" {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif v := os.Getenv("M_STRICT"); v != "0" {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif v := os.Getenv("M_STRICT"); v == "1" || len(os.Args) > 1 {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif os.Getenv("M_A") == "1" || os.Getenv("M_B") == "" {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif v := os.Getenv("HOME"); v != "" {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif v := os.Getenv("M_API_KEY"); v != "" {\n\t\tchild()\n\t}\n}',
    'func init() {\n\tif v := os.Getenv("CI"); v == "true" {\n\t\tchild()\n\t}\n}',
  ]);
});

test('a package var that hands the variable to a function returning at once when it is empty gates what follows the return', async () => {
  const load = (body: string) => `var repos = load(os.Getenv("M_REPO_LIST"))\n\nfunc load(list string) int {\n${body}\n}`;
  const gated = await importTimeExec(load('\tn := 0\n\tif list == "" {\n\t\treturn n\n\t}\n\tchild()\n\treturn 1'));
  assert.match(gated.gate ?? '', /load\(os\.Getenv\("M_REPO_LIST"\)\) returns at once when M_REPO_LIST is unset/);
  assert.equal(gated.grade, 'suspicious');
  const lenGated = await importTimeExec(load('\tif len(list) == 0 {\n\t\treturn 0\n\t}\n\tchild()\n\treturn 1'));
  assert.equal(lenGated.grade, 'suspicious');
  await assertOpen([
    // The payload inside the gate's own block, or before it, runs when the variable is unset.
    load('\tif list == "" {\n\t\tchild()\n\t\treturn 0\n\t}\n\treturn 1'),
    load('\tchild()\n\tif list == "" {\n\t\treturn 0\n\t}\n\treturn 1'),
    // The parameter rewritten before the test, a variable every machine sets, a test that does not return.
    load('\tlist = "x"\n\tif list == "" {\n\t\treturn 0\n\t}\n\tchild()\n\treturn 1'),
    load('\tif list == "" {\n\t\tlist = "default"\n\t}\n\tchild()\n\treturn 1'),
    `var repos = load(os.Getenv("HOME"))\n\nfunc load(list string) int {\n\tif list == "" {\n\t\treturn 0\n\t}\n\tchild()\n\treturn 1\n}`,
    // The same function also called without the variable.
    `${load('\tif list == "" {\n\t\treturn 0\n\t}\n\tchild()\n\treturn 1')}\n\nvar other = load("repos.txt")`,
  ]);
});
