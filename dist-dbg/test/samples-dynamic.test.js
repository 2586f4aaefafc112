// Every sample through the real sandbox (import phase): the exact argv, DNS names and connection
// destinations its expect.json lists must be recorded; benign samples must do nothing at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listSamples } from './helpers/samples.js';
import { runDynamic } from '../src/dynamic/run-dynamic.js';
import { dockerTestsSkipped } from './helpers/docker-gate.js';
const skip = dockerTestsSkipped();
for (const sample of listSamples()) {
    test(`sample ${sample.name}: sandbox records what its import does`, { skip, timeout: 600_000 }, async () => {
        const result = await runDynamic({ dir: sample.dir, path: sample.name }, { phases: ['import'], timeoutMs: 30_000 });
        const phase = result.phases.find((p) => p.name === 'import');
        assert.ok(phase, 'an import phase');
        assert.ok(phase.status === 'completed' || phase.status === 'timeout', `${phase.status}: ${phase.error ?? ''} ${phase.stderrTail}`);
        const spawned = phase.processes.slice(1).map((p) => p.argv);
        const dns = phase.network.dns.map((d) => d.name);
        const conns = phase.network.connections.filter((c) => c.family !== 'unix').map((c) => (c.family === 'ipv6' ? `[${c.dst.ip}]:${c.dst.port}` : `${c.dst.ip}:${c.dst.port}`));
        const e = sample.expect.dynamic;
        const nothingExpected = e.processes.length === 0 && e.dns.length === 0 && e.connections.length === 0;
        const seen = JSON.stringify({ spawned, dns, conns }, null, 1);
        if (nothingExpected) {
            assert.deepEqual(spawned, [], seen);
            assert.deepEqual(conns, [], seen);
            assert.deepEqual(dns, [], seen);
            return;
        }
        for (const argv of e.processes)
            assert.ok(spawned.some((a) => JSON.stringify(a) === JSON.stringify(argv)), `argv ${JSON.stringify(argv)} in ${seen}`);
        for (const name of e.dns)
            assert.ok(dns.includes(name), `dns ${name} in ${seen}`);
        for (const c of e.connections)
            assert.ok(conns.includes(c), `connection ${c} in ${seen}`);
    });
}
//# sourceMappingURL=samples-dynamic.test.js.map