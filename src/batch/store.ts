// The batch store: an SQLite database (node-sqlite3-wasm: SQLite compiled to WebAssembly with real file
// access, so no native build is needed) holding one row per target plus the facts researchers query
// (indicators, rules fired, processes).
//
// Durability: that VFS has no shared memory, so no WAL; the store uses the rollback journal with
// synchronous=FULL (fsync on commit), which makes every transaction atomic across SIGKILL and power loss.
// Its lock is a `<db>.lock` directory made with mkdir: a killed process leaves it behind. Every statement
// therefore runs through `withLock`, which retries while the lock is busy and removes a lock older than
// STALE_LOCK_MS: every transaction here takes milliseconds, so a lock that old belongs to a dead process
// (that VFS hides a killed writer's journal from SQLite, so the store rolls it back itself before it
// opens the database: journal-rollback.ts).
import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import sqlite from 'node-sqlite3-wasm';
import { rollBackJournal } from './journal-rollback.js';
import type { AnalysisResult } from '../result/schema.js';
import { indicators } from '../report/facts.js';

const { Database } = sqlite;
type Db = InstanceType<typeof Database>;

const STALE_LOCK_MS = 5_000;
const SHELLS = /(^|\/)(sh|bash|dash|zsh|ash|ksh|busybox|pwsh|powershell)$/;

export type TargetStatus = 'done' | 'failed';

export interface FailureRecord {
  target: string;
  error: string;
  /** bad-target (unusable input), timeout, crashed (worker died), error (anything else). */
  errorKind: 'bad-target' | 'timeout' | 'crashed' | 'error';
  durationMs: number;
  finishedAt: string;
}

export interface StoredRow {
  target: string;
  status: TargetStatus;
  verdict: string | null;
  score: number | null;
  modulePath: string | null;
  moduleVersion: string | null;
  topReasons: string[];
  error: string | null;
  errorKind: string | null;
  durationMs: number;
  file: string;
  finishedAt: string;
  spawnedShell: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS results (
  target TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  verdict TEXT,
  score REAL,
  module_path TEXT,
  module_version TEXT,
  top_reasons TEXT NOT NULL DEFAULT '[]',
  error TEXT,
  error_kind TEXT,
  duration_ms INTEGER NOT NULL,
  file TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  spawned_shell INTEGER NOT NULL DEFAULT 0,
  result_json TEXT
);
CREATE TABLE IF NOT EXISTS indicators (
  target TEXT NOT NULL REFERENCES results(target),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  seen TEXT NOT NULL,
  PRIMARY KEY (target, kind, value)
);
CREATE INDEX IF NOT EXISTS indicators_value ON indicators(value);
CREATE TABLE IF NOT EXISTS rule_hits (
  target TEXT NOT NULL REFERENCES results(target),
  rule_id TEXT NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (target, rule_id)
);
CREATE INDEX IF NOT EXISTS rule_hits_rule ON rule_hits(rule_id);
CREATE TABLE IF NOT EXISTS processes (
  target TEXT NOT NULL REFERENCES results(target),
  phase TEXT NOT NULL,
  pid INTEGER NOT NULL,
  argv TEXT NOT NULL,
  shell INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS processes_target ON processes(target);
`;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isBusy(err: unknown): boolean {
  return err instanceof Error && /database is locked|SQLITE_BUSY|busy/i.test(err.message);
}

/** Top reasons as one-line strings, strongest first. */
export function topReasons(r: AnalysisResult, n = 3): string[] {
  return r.verdict.reasons.slice(0, n).map((x) => `${x.message} (${x.evidence})${x.confirmed ? ' [confirmed]' : ''}`);
}

function spawnedShell(r: AnalysisResult): boolean {
  return (r.dynamic?.phases ?? []).some((p) => p.processes.slice(1).some((proc) => SHELLS.test(proc.path) || SHELLS.test(proc.argv[0] ?? '')));
}

export class BatchStore {
  private readonly db: Db;
  private readonly lockDir: string;

  constructor(readonly file: string, opts: { readOnly?: boolean } = {}) {
    this.lockDir = `${file}.lock`;
    if (!opts.readOnly) this.recoverInterruptedWrite();
    this.db = this.withLock(() => new Database(file, { readOnly: opts.readOnly === true, fileMustExist: opts.readOnly === true }));
    if (!opts.readOnly) {
      this.withLock(() => {
        this.db.exec('PRAGMA journal_mode=DELETE');
        this.db.exec('PRAGMA synchronous=FULL');
        this.db.exec(SCHEMA);
      });
    }
  }

  /**
   * A journal next to the database is a transaction in progress, or one a killed process left. A live
   * writer holds the lock while it exists; a dead one's lock goes stale. Once the lock is ours, the
   * journal is played back so the database is as it was before that transaction.
   */
  private recoverInterruptedWrite(): void {
    if (!existsSync(`${this.file}-journal`)) return;
    // The lock is taken the way SQLite takes it, through withLock: it waits for a live writer and
    // clears a dead one's stale lock.
    this.withLock(() => {
      try {
        mkdirSync(this.lockDir);
      } catch (err) {
        throw (err as NodeJS.ErrnoException).code === 'EEXIST' ? new Error('store lock busy') : err;
      }
    });
    try {
      rollBackJournal(this.file);
    } finally {
      rmdirSync(this.lockDir);
    }
  }

  /** Runs fn, retrying while another connection holds the lock; clears a lock left by a dead process. */
  withLock<T>(fn: () => T): T {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; ; attempt++) {
      try {
        return fn();
      } catch (err) {
        if (!isBusy(err) || Date.now() > deadline) throw err;
        try {
          if (Date.now() - statSync(this.lockDir).mtimeMs > STALE_LOCK_MS) rmdirSync(this.lockDir);
        } catch {
          // already gone, or not ours to judge yet
        }
        sleepSync(Math.min(200, 5 * (attempt + 1)));
      }
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Targets already recorded (done or failed). */
  recordedTargets(): Set<string> {
    return new Set(this.withLock(() => this.db.all('SELECT target FROM results')).map((r) => String(r.target)));
  }

  private transaction(fn: () => void): void {
    this.withLock(() => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        fn();
        this.db.exec('COMMIT');
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  /** Records a finished analysis; a target already recorded is left as it is (returns false). */
  recordResult(target: string, result: AnalysisResult, durationMs: number, file: string, finishedAt: string): boolean {
    let inserted = false;
    this.transaction(() => {
      const res = this.db.run(
        `INSERT INTO results (target, status, verdict, score, module_path, module_version, top_reasons, duration_ms, file, finished_at, spawned_shell, result_json)
         VALUES (?, 'done', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(target) DO NOTHING`,
        [target, result.verdict.level, result.verdict.score, result.module.path, result.module.version, JSON.stringify(topReasons(result)), Math.round(durationMs), file, finishedAt, spawnedShell(result) ? 1 : 0, JSON.stringify(result)],
      );
      if (res.changes === 0) return;
      inserted = true;
      for (const i of indicators(result)) {
        this.db.run('INSERT OR IGNORE INTO indicators (target, kind, value, seen) VALUES (?, ?, ?, ?)', [target, i.kind, i.value, i.seen]);
      }
      const hits = new Map<string, number>();
      for (const f of [...result.moduleFindings, ...result.static.findings]) hits.set(f.ruleId, (hits.get(f.ruleId) ?? 0) + 1);
      for (const [rule, n] of hits) this.db.run('INSERT INTO rule_hits (target, rule_id, hits) VALUES (?, ?, ?)', [target, rule, n]);
      for (const p of result.dynamic?.phases ?? []) {
        for (const proc of p.processes) {
          const shell = SHELLS.test(proc.path) || SHELLS.test(proc.argv[0] ?? '');
          this.db.run('INSERT INTO processes (target, phase, pid, argv, shell) VALUES (?, ?, ?, ?, ?)', [target, p.name, proc.pid, JSON.stringify(proc.argv), shell ? 1 : 0]);
        }
      }
    });
    return inserted;
  }

  recordFailure(f: FailureRecord, file: string): boolean {
    let inserted = false;
    this.transaction(() => {
      const res = this.db.run(
        `INSERT INTO results (target, status, error, error_kind, duration_ms, file, finished_at) VALUES (?, 'failed', ?, ?, ?, ?, ?) ON CONFLICT(target) DO NOTHING`,
        [f.target, f.error, f.errorKind, Math.round(f.durationMs), file, f.finishedAt],
      );
      inserted = res.changes > 0;
    });
    return inserted;
  }

  /** Forgets failed targets so the next run tries them again. */
  clearFailures(): number {
    let n = 0;
    this.transaction(() => {
      n = this.db.run(`DELETE FROM results WHERE status = 'failed'`).changes;
    });
    return n;
  }

  rows(): StoredRow[] {
    return this.withLock(() => this.db.all('SELECT * FROM results ORDER BY rowid')).map(toRow);
  }

  /** Targets matching every given filter. */
  query(q: { verdict?: string; rule?: string; ioc?: string; spawnedShell?: boolean; status?: TargetStatus }): StoredRow[] {
    const where: string[] = [];
    const args: string[] = [];
    if (q.verdict) {
      where.push('verdict = ?');
      args.push(q.verdict);
    }
    if (q.status) {
      where.push('status = ?');
      args.push(q.status);
    }
    if (q.rule) {
      where.push('target IN (SELECT target FROM rule_hits WHERE rule_id = ?)');
      args.push(q.rule);
    }
    if (q.ioc) {
      // A domain matches itself and its subdomains; URLs and commands match by containment.
      where.push(`target IN (SELECT target FROM indicators WHERE value = ? OR (kind IN ('domain') AND value LIKE ? ESCAPE '\\') OR (kind IN ('url', 'command', 'file') AND instr(value, ?) > 0))`);
      const like = `%.${q.ioc.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
      args.push(q.ioc, like, q.ioc);
    }
    if (q.spawnedShell) where.push('spawned_shell = 1');
    const sql = `SELECT * FROM results${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`;
    return this.withLock(() => this.db.all(sql, args)).map(toRow);
  }

  /** The indicators and rule hits of one target (for query output). */
  details(target: string): { indicators: Array<{ kind: string; value: string; seen: string }>; rules: Array<{ ruleId: string; hits: number }>; shells: string[][] } {
    return this.withLock(() => ({
      indicators: this.db.all('SELECT kind, value, seen FROM indicators WHERE target = ?', [target]).map((r) => ({ kind: String(r.kind), value: String(r.value), seen: String(r.seen) })),
      rules: this.db.all('SELECT rule_id, hits FROM rule_hits WHERE target = ? ORDER BY hits DESC', [target]).map((r) => ({ ruleId: String(r.rule_id), hits: Number(r.hits) })),
      shells: this.db.all('SELECT argv FROM processes WHERE target = ? AND shell = 1', [target]).map((r) => JSON.parse(String(r.argv)) as string[]),
    }));
  }

  count(): number {
    return Number(this.withLock(() => this.db.get('SELECT count(*) AS n FROM results'))?.n ?? 0);
  }
}

function toRow(r: Record<string, unknown>): StoredRow {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    target: String(r.target),
    status: r.status === 'failed' ? 'failed' : 'done',
    verdict: str(r.verdict),
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    modulePath: str(r.module_path),
    moduleVersion: str(r.module_version),
    topReasons: JSON.parse(String(r.top_reasons ?? '[]')) as string[],
    error: str(r.error),
    errorKind: str(r.error_kind),
    durationMs: Number(r.duration_ms),
    file: String(r.file),
    finishedAt: String(r.finished_at),
    spawnedShell: Number(r.spawned_shell) === 1,
  };
}
