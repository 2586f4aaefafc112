// A process killed inside a store transaction leaves a rollback journal and a database with some of
// the transaction's pages written. node-sqlite3-wasm's VFS hides that journal from SQLite, so the store
// rolls it back itself (journal-rollback.ts). The crash is reproduced exactly: the database and its
// journal are copied while a transaction that spilled pages to the file is still open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { BatchStore } from '../src/batch/store.js';

test('a store copied mid-transaction (a SIGKILL) opens as it was before that transaction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gosnare-store-crash-'));
  try {
    const live = join(dir, 'live.db');
    const store = new BatchStore(live);
    const failure = (target: string) => ({ target, error: 'e'.repeat(3000), errorKind: 'error' as const, durationMs: 1, finishedAt: '2026-01-01T00:00:00Z' });
    for (let i = 0; i < 100; i++) store.recordFailure(failure(`t${i}`), `f${i}.json`);
    store.close();
    const committed = readFileSync(live);

    // A writer whose transaction rewrites existing pages and spills them into the file before it commits.
    const db = new sqlite.Database(live);
    db.exec('PRAGMA cache_size=2');
    db.exec('BEGIN IMMEDIATE');
    db.run('UPDATE results SET error = ?', ['f'.repeat(3000)]);
    for (let i = 0; i < 50; i++) db.run(`INSERT INTO results (target, status, error, duration_ms, file, finished_at) VALUES (?, 'failed', ?, 1, 'x', 'y')`, [`new${i}`, 'x'.repeat(4000)]);
    const crashed = join(dir, 'crashed');
    mkdirSync(crashed);
    copyFileSync(live, join(crashed, 'store.db'));
    copyFileSync(`${live}-journal`, join(crashed, 'store.db-journal'));
    // The killed process's lock directory, old enough to be stale.
    mkdirSync(join(crashed, 'store.db.lock'));
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(crashed, 'store.db.lock'), old, old);
    db.exec('ROLLBACK');
    db.close();
    assert.notDeepEqual(readFileSync(join(crashed, 'store.db')).subarray(0, committed.length), committed, 'the transaction wrote pages into the database file (else this test proves nothing)');

    const reopened = new BatchStore(join(crashed, 'store.db'));
    try {
      assert.equal(reopened.recordedTargets().size, 100, 'the rows inserted by the killed transaction are gone');
      assert.ok(!existsSync(join(crashed, 'store.db-journal')), 'the journal is gone');
      assert.ok(reopened.recordFailure(failure('after'), 'a.json'), 'the store takes writes again');
    } finally {
      reopened.close();
    }
    const check = new sqlite.Database(join(crashed, 'store.db'));
    assert.equal(check.get('PRAGMA integrity_check')?.integrity_check, 'ok');
    assert.deepEqual(check.all("SELECT DISTINCT substr(error, 1, 1) AS c FROM results WHERE target LIKE 't%'"), [{ c: 'e' }], 'the killed transaction\'s update is undone');
    check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
