// go.sum `h1:` hashes (golang.org/x/mod/sumdb/dirhash.Hash1): sha256 over the sorted summary
// lines "<sha256 hex of file>  <name>\n", base64-encoded, where name is `module@version/relpath`
// (or just "go.mod" for the /go.mod line).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
export function hash1(files) {
    const rows = files.map((f) => ({ name: typeof f.name === 'string' ? Buffer.from(f.name, 'utf8') : f.name, sha256: f.sha256 }));
    for (const r of rows) {
        if (r.name.includes(0x0a))
            throw new Error(`dirhash: filename with newline: ${JSON.stringify(r.name.toString('utf8'))}`);
    }
    // Go sorts names by bytes (sort.Strings), not by UTF-16 code units.
    rows.sort((a, b) => Buffer.compare(a.name, b.name));
    const summary = createHash('sha256');
    for (const r of rows) {
        summary.update(`${r.sha256}  `);
        summary.update(r.name);
        summary.update('\n');
    }
    return `h1:${summary.digest('base64')}`;
}
export function sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex');
}
/** The `<module> <version>/go.mod h1:` hash: Hash1 over the single file named "go.mod". */
export function hashGoMod(goModBytes) {
    return hash1([{ name: 'go.mod', sha256: sha256Hex(goModBytes) }]);
}
function hashFile(file) {
    return new Promise((resolve, reject) => {
        const h = createHash('sha256');
        createReadStream(file)
            .on('data', (c) => h.update(c))
            .on('end', () => resolve(h.digest('hex')))
            .on('error', reject);
    });
}
/**
 * dirhash.HashDir: every regular file under `dir`, named `<prefix>/<relpath>` (prefix is
 * `module@version`). This is how `go mod verify` checks an unpacked module; it matches the zip's
 * h1 only when the directory holds exactly the zip's files.
 */
export async function hashDir(dir, prefix) {
    const digests = [];
    const walk = async (abs, rel) => {
        const entries = await readdir(abs, { withFileTypes: true });
        for (const e of entries) {
            const childAbs = path.join(abs, e.name);
            const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
            if (e.isDirectory())
                await walk(childAbs, childRel);
            else if (e.isFile())
                digests.push({ name: `${prefix}/${childRel}`, sha256: await hashFile(childAbs) });
            // Go's HashDir (filepath.Walk + os.Open) would follow symlinks to files; we do not follow links.
        }
    };
    await walk(dir, '');
    return hash1(digests);
}
/** dirhash.HashZip: every entry in the zip, by its raw name, with no layout checks. */
export async function hashZip(zipPath) {
    const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false });
    try {
        const entries = await new Promise((resolve, reject) => {
            const list = [];
            zip.on('entry', (e) => {
                list.push(e);
                zip.readEntry();
            });
            zip.on('end', () => resolve(list));
            zip.on('error', reject);
            zip.readEntry();
        });
        const digests = [];
        for (const e of entries) {
            const h = createHash('sha256');
            const stream = await zip.openReadStreamPromise(e);
            for await (const chunk of stream)
                h.update(chunk);
            digests.push({ name: Buffer.from(e.fileNameRaw), sha256: h.digest('hex') });
        }
        return hash1(digests);
    }
    finally {
        zip.close();
    }
}
//# sourceMappingURL=h1.js.map