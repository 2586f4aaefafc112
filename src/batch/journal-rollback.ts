// SQLite's rollback journal, played back by hand. node-sqlite3-wasm's VFS takes every lock as one
// `<db>.lock` directory, and its xCheckReservedLock reports that directory (its own, once it holds a
// shared lock) as another connection's RESERVED lock. So SQLite never sees a journal left by a process
// killed inside a transaction as hot: it reads the half-written database instead ("database disk image
// is malformed"). The format is SQLite's (https://www.sqlite.org/fileformat.html, "The Rollback
// Journal"); playback follows pager_playback: headers at sector boundaries, records checked by their
// checksum, the database cut back to the size the first header gives.
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

const MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
const HEADER_BYTES = 28;

/** SQLite's pager_cksum: the nonce plus every 200th byte of the page, from the end. */
function pageChecksum(nonce: number, page: Buffer): number {
  let sum = nonce;
  for (let i = page.length - 200; i > 0; i -= 200) sum = (sum + page[i]!) >>> 0;
  return sum;
}

/**
 * Restores the pages a journal holds into the database and removes the journal. Returns how many
 * pages were written back; a journal without a valid header is only removed (SQLite ignores it too).
 * Call it only while no other connection can be writing (the caller holds the store's lock).
 */
export function rollBackJournal(dbFile: string): number {
  const journalFile = `${dbFile}-journal`;
  let journal: Buffer;
  try {
    journal = readFileSync(journalFile);
  } catch {
    return 0;
  }
  let restored = 0;
  const fd = openSync(dbFile, 'r+');
  try {
    let offset = 0;
    let initialPages: number | undefined;
    let pageSize = 0;
    while (offset + HEADER_BYTES <= journal.length && journal.subarray(offset, offset + 8).equals(MAGIC)) {
      let records = journal.readUInt32BE(offset + 8);
      const nonce = journal.readUInt32BE(offset + 12);
      const pages = journal.readUInt32BE(offset + 16);
      const sector = journal.readUInt32BE(offset + 20);
      pageSize = journal.readUInt32BE(offset + 24);
      if (sector < HEADER_BYTES || pageSize < 512) break;
      initialPages ??= pages;
      let pos = offset + sector;
      const recordBytes = 4 + pageSize + 4;
      // 0xffffffff: written without syncs, the records run to the end of the file.
      if (records === 0xffffffff) records = Math.floor((journal.length - pos) / recordBytes);
      let complete = true;
      for (let i = 0; i < records; i++, pos += recordBytes) {
        if (pos + recordBytes > journal.length) {
          complete = false;
          break;
        }
        const pgno = journal.readUInt32BE(pos);
        const page = journal.subarray(pos + 4, pos + 4 + pageSize);
        // A record that fails its checksum was being written when the process died: playback ends.
        if (pgno === 0 || journal.readUInt32BE(pos + 4 + pageSize) !== pageChecksum(nonce, page)) {
          complete = false;
          break;
        }
        writeSync(fd, page, 0, pageSize, (pgno - 1) * pageSize);
        restored++;
      }
      if (!complete) break;
      offset = Math.ceil(pos / sector) * sector;
    }
    if (initialPages !== undefined && pageSize) ftruncateSync(fd, initialPages * pageSize);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(journalFile);
  return restored;
}
