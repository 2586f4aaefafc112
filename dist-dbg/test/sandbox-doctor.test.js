// doctor() against the real engine, and against an address where none answers.
import { dockerTestsSkipped } from './helpers/docker-gate.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { doctor } from '../src/dynamic/doctor.js';
import { sandboxImages } from '../src/dynamic/sandbox-run.js';
const skip = dockerTestsSkipped();
const doctorModule = fileURLToPath(new URL('../src/dynamic/doctor.js', import.meta.url));
test('doctor reports a ready sandbox once the images are built', { skip, timeout: 600_000 }, async () => {
    await sandboxImages();
    const report = await doctor();
    const names = report.checks.map((c) => c.name);
    for (const n of ['docker engine', 'go toolchain', 'resource limits', 'base image', 'sink image', 'sample image', 'strace in sample image']) {
        assert.ok(names.includes(n), `missing check ${n}: ${names.join(', ')}`);
    }
    assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => !c.ok)));
});
test('doctor names the address and the fix when no engine answers', { timeout: 60_000 }, async () => {
    const script = `import(${JSON.stringify(doctorModule)}).then(async (m) => console.log(JSON.stringify(await m.doctor())))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
        env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/gosnare-test.sock' },
    });
    const report = JSON.parse(stdout);
    assert.equal(report.ok, false);
    const engineCheck = report.checks.find((c) => c.name === 'docker engine');
    assert.ok(engineCheck && !engineCheck.ok);
    assert.match(engineCheck.detail, /No Docker engine answered at unix:\/\/\/nonexistent\/gosnare-test\.sock/);
    assert.match(engineCheck.fix ?? '', /setup-docker\.sh/);
});
//# sourceMappingURL=sandbox-doctor.test.js.map