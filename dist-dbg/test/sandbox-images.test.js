// Image naming by content hash; the engine part is skipped only with GOSNARE_SKIP_DOCKER=1.
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseTarget, debianMirror, derivedTargets, ensureImages, basePackages } from '../src/dynamic/images.js';
import { engine } from '../src/dynamic/engine.js';
const skip = dockerTestsSkipped();
function withEnv(name, value, fn) {
    const old = process.env[name];
    if (value === undefined)
        delete process.env[name];
    else
        process.env[name] = value;
    try {
        return fn();
    }
    finally {
        if (old === undefined)
            delete process.env[name];
        else
            process.env[name] = old;
    }
}
test('the base image tag is a hash of the package list; GOSNARE_BASE_IMAGE replaces it', () => {
    const a = withEnv('GOSNARE_BASE_IMAGE', undefined, baseTarget);
    assert.match(a.ref, /^gosnare-base:[0-9a-f]{16}$/);
    assert.deepEqual(withEnv('GOSNARE_BASE_IMAGE', undefined, baseTarget), a);
    assert.equal(withEnv('GOSNARE_BASE_IMAGE', 'debian:bookworm-slim', baseTarget).ref, 'debian:bookworm-slim');
    for (const p of ['strace', 'iptables', 'iproute2', 'curl', 'wget', 'bash', 'ca-certificates']) {
        assert.ok(basePackages().includes(p), p);
    }
});
test('the Debian mirror comes from apt sources or GOSNARE_DEBIAN_MIRROR', () => {
    assert.match(debianMirror(), /^https?:\/\/\S+\/debian$/);
    assert.equal(withEnv('GOSNARE_DEBIAN_MIRROR', 'http://mirror.example.test/debian', debianMirror), 'http://mirror.example.test/debian');
});
test('sink and sample tags change with the base image id', async () => {
    const one = await derivedTargets('sha256:1111');
    const two = await derivedTargets('sha256:2222');
    assert.notEqual(one.sink.ref, two.sink.ref);
    assert.notEqual(one.sample.ref, two.sample.ref);
    assert.deepEqual(await derivedTargets('sha256:1111'), one);
});
test('ensureImages builds once, then only checks (no progress, same tags)', { skip, timeout: 900_000 }, async () => {
    const first = await ensureImages();
    const lines = [];
    const started = Date.now();
    const second = await ensureImages({ onProgress: (m) => lines.push(m) });
    const warmMs = Date.now() - started;
    assert.deepEqual(second, first);
    assert.deepEqual(lines, []);
    assert.ok(warmMs < 5000, `warm check took ${warmMs} ms`);
    for (const [role, ref] of Object.entries(first)) {
        const info = await engine().getImage(ref).inspect();
        if (role !== 'base' || !process.env.GOSNARE_BASE_IMAGE)
            assert.equal(info.Config.Labels?.['gosnare.role'], role);
    }
});
//# sourceMappingURL=sandbox-images.test.js.map