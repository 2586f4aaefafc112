// Every sample under samples/ (a directory with expect.json) through the CLI, static only:
// the expected verdict, the categories that must fire, the strings that must be recovered, the IOCs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { listSamples, repoRoot } from './helpers/samples.js';
const root = repoRoot;
const samples = listSamples();
test('there are malicious and benign samples', () => {
    assert.ok(samples.filter((s) => s.expect.verdict === 'malicious').length >= 8);
    assert.ok(samples.filter((s) => s.expect.verdict === 'clean').length >= 5);
});
for (const sample of samples) {
    test(`sample ${sample.name}: static verdict ${sample.expect.verdict}`, () => {
        const r = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'analyze', sample.dir, '--static-only', '--format', 'json'], {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
        });
        assert.equal(r.status, sample.expect.verdict === 'clean' ? 0 : 1, r.stderr);
        const result = JSON.parse(r.stdout);
        const why = result.verdict.reasons.map((x) => `${x.grade} ${x.evidence}`).join('\n');
        assert.equal(result.verdict.level, sample.expect.verdict, why);
        const findings = [...result.static.findings, ...result.moduleFindings];
        const categories = new Set(findings.map((f) => f.category));
        for (const c of sample.expect.static.mustFireCategories)
            assert.ok(categories.has(c), `category ${c} fired (got ${[...categories].join(', ')})`);
        const recovered = [...findings.flatMap((f) => f.recoveredStrings), ...result.static.recoveredStrings.map((s) => s.value)];
        for (const s of sample.expect.static.mustRecover)
            assert.ok(recovered.some((v) => v.includes(s)), `recovered ${JSON.stringify(s)}`);
        const iocs = result.static.iocs;
        for (const d of sample.expect.static.iocs.domains)
            assert.ok(iocs.domains.includes(d), `domain ${d} in ${iocs.domains.join(', ')}`);
        for (const ip of sample.expect.static.iocs.ips)
            assert.ok(iocs.ips.includes(ip), `ip ${ip} in ${iocs.ips.join(', ')}`);
        for (const u of sample.expect.static.iocs.urls)
            assert.ok(iocs.urls.includes(u), `url ${u} in ${iocs.urls.join(', ')}`);
    });
}
//# sourceMappingURL=samples-static.test.js.map