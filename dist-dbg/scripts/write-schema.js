// Regenerates schema/result.schema.json from the TypeBox definitions.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { AnalysisResult } from '../src/result/schema.js';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
mkdirSync(join(root, 'schema'), { recursive: true });
writeFileSync(join(root, 'schema', 'result.schema.json'), JSON.stringify(AnalysisResult, null, 2) + '\n');
//# sourceMappingURL=write-schema.js.map