import { readFileSync } from 'node:fs';
import { repoRoot } from './paths.js';
import { join } from 'node:path';
export const VERSION = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')).version;
//# sourceMappingURL=version.js.map