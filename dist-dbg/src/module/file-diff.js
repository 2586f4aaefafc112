// Compare two module file sets (path -> bytes): which files were added, removed or changed, with
// unified diffs for changed text files. Shared by tag-drift and version-diff.
import { createTwoFilesPatch } from 'diff';
const MAX_DIFF_BYTES = 1 << 20;
function looksBinary(b) {
    return b.subarray(0, 8000).includes(0);
}
export function diffFileSets(oldFiles, newFiles, labels) {
    const result = { added: [], removed: [], changed: [], unchanged: 0 };
    for (const [file, before] of oldFiles) {
        const after = newFiles.get(file);
        if (after === undefined) {
            result.removed.push(file);
            continue;
        }
        if (before.equals(after)) {
            result.unchanged++;
            continue;
        }
        const change = { file, oldSize: before.length, newSize: after.length };
        if (!looksBinary(before) && !looksBinary(after) && before.length + after.length <= MAX_DIFF_BYTES) {
            change.patch = createTwoFilesPatch(`${labels.old}/${file}`, `${labels.new}/${file}`, before.toString('utf8'), after.toString('utf8'), undefined, undefined, { context: 3 });
        }
        result.changed.push(change);
    }
    for (const file of newFiles.keys())
        if (!oldFiles.has(file))
            result.added.push(file);
    result.added.sort();
    result.removed.sort();
    result.changed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return result;
}
//# sourceMappingURL=file-diff.js.map