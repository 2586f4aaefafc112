// The batch list: one target per line (module@version, a directory, or a module zip), `#` comments
// (whole-line or trailing after whitespace), blank lines ignored. The line text is the target's key in
// the store; a target listed twice is analysed once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
export function parseTargetList(text, baseDir) {
    const seen = new Set();
    const out = [];
    text.split(/\r?\n/).forEach((raw, i) => {
        const key = raw.replace(/(^|\s)#.*$/, '').trim();
        if (!key || seen.has(key))
            return;
        seen.add(key);
        let resolved = key;
        // module@version never names an existing relative path; a directory or zip beside the list does.
        if (!isAbsolute(key)) {
            const beside = resolve(baseDir, key);
            if (existsSync(beside))
                resolved = beside;
        }
        out.push({ key, resolved, line: i + 1 });
    });
    return out;
}
export function readTargetList(file) {
    return parseTargetList(readFileSync(file, 'utf8'), dirname(resolve(file)));
}
//# sourceMappingURL=targets.js.map