import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
/** The package root (where package.json, rules/ and sandbox/ live), from src/ or dist/src/. */
export function repoRoot() {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6; i++) {
        if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules')))
            return dir;
        dir = dirname(dir);
    }
    throw new Error('gosnare: cannot find the package root (package.json beside rules/)');
}
//# sourceMappingURL=paths.js.map