import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Sample modules: directories under samples/ holding an expect.json. */
export function listSamples() {
    const base = join(repoRoot, 'samples');
    return readdirSync(base, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(base, e.name, 'expect.json')))
        .map((e) => ({
        name: e.name,
        dir: join(base, e.name),
        expect: JSON.parse(readFileSync(join(base, e.name, 'expect.json'), 'utf8')),
    }));
}
//# sourceMappingURL=samples.js.map