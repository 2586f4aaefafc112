import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseGo } from '../src/static/parse.js';
import { releaseFreedMemory } from '../src/static/release-memory.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rss = () => process.memoryUsage.rss();
const MB = 1024 * 1024;

test('tree memory freed by the scan goes back to the system (glibc)', { skip: process.platform !== 'linux' && 'glibc only' }, async () => {
  const source = `package p\n\n${Array.from({ length: 2000 }, (_, i) => `func F${i}(x int) string {\n\treturn fmt.Sprint(x + ${i}, "s${i}")\n}\n`).join('\n')}`;
  // Every 8th tree stays alive, so the freed ones are not all at the top of the heap, where free()
  // alone would give them back.
  let trees = Array.from({ length: 40 }, () => parseGo(source));
  const kept = trees.filter((_, i) => i % 8 === 7);
  trees = [];
  gc();
  // node-tree-sitter deletes trees in finalizers that run from the event loop.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
  const before = rss();
  assert.equal(releaseFreedMemory(), true, 'malloc_trim is reachable through koffi');
  const after = rss();
  assert.ok(before - after > 40 * MB, `resident ${Math.round(before / MB)} MB -> ${Math.round(after / MB)} MB`);
  assert.equal(kept.length, 5);
  assert.equal(kept[0]!.rootNode.type, 'source_file', 'trees still alive are untouched');
});
