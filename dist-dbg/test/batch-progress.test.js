// Progress display and default concurrency of batches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressLine, rateAndEta, plainProgress } from '../src/batch/progress.js';
import { defaultConcurrency } from '../src/batch/run.js';
test('progress line: counts, rate and ETA', () => {
    const state = { total: 40, skipped: 10, done: 8, failed: 2, running: 2, startedAt: 0 };
    const { perMinute, etaMs } = rateAndEta(state, 60_000);
    assert.equal(perMinute, 10);
    assert.equal(etaMs, 120_000); // 20 left at 10 per minute
    const line = progressLine(state, 10, 60_000);
    assert.equal(line, '█████░░░░░ 20/40  done 18  failed 2  running 2  10.0/min  ETA 2m00s');
});
test('plain progress writes one line per finished target', () => {
    const chunks = [];
    const sink = plainProgress({ write: (s) => chunks.push(s) });
    sink.finished({ total: 3, skipped: 0, done: 1, failed: 0, running: 1, startedAt: Date.now() - 1000 }, 'clean      a');
    assert.equal(chunks.length, 1);
    assert.match(chunks[0], /^\[1\/3\] clean {6}a \([\d.]+\/min, ETA \d+s\)\n$/);
});
test('default concurrency: cores for static-only, max(2, cores/2) with dynamic', () => {
    assert.equal(defaultConcurrency(true, 8), 8);
    assert.equal(defaultConcurrency(false, 8), 4);
    assert.equal(defaultConcurrency(false, 2), 2);
    assert.equal(defaultConcurrency(true, 1), 1);
});
//# sourceMappingURL=batch-progress.test.js.map