// Distinct modules for batch benchmarks and tests: copies of the bundled samples with the module line of
// go.mod rewritten (example.test/copyNNN/<name>), so every copy is a different module path.
import { cpSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
export function sampleDirs(samplesRoot) {
    return readdirSync(samplesRoot, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(samplesRoot, d.name, 'go.mod')))
        .map((d) => join(samplesRoot, d.name))
        .sort();
}
/** Makes n copies under dest (cycling through the samples) and returns their directories. */
export function makeSampleCopies(samplesRoot, dest, n) {
    const samples = sampleDirs(samplesRoot);
    if (!samples.length)
        throw new Error(`no samples under ${samplesRoot}`);
    const out = [];
    for (let i = 0; i < n; i++) {
        const src = samples[i % samples.length];
        const name = src.split('/').pop();
        const dir = join(dest, `copy${String(i).padStart(3, '0')}-${name}`);
        cpSync(src, dir, { recursive: true });
        const gomod = join(dir, 'go.mod');
        const text = readFileSync(gomod, 'utf8').replace(/^module\s+\S+/m, `module example.test/copy${String(i).padStart(3, '0')}/${name}`);
        writeFileSync(gomod, text);
        out.push(dir);
    }
    return out;
}
//# sourceMappingURL=sample-copies.js.map