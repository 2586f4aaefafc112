// The sink's own Go tests (fake DNS, TCP/HTTP/TLS recording, UDP parsing): no Docker needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
test('sandbox/sink go test passes', { timeout: 300_000 }, async () => {
    const { stdout } = await promisify(execFile)('go', ['test', '-count=1', './...'], {
        cwd: join(repoRoot, 'sandbox/sink'),
        env: { ...process.env, CGO_ENABLED: '0' },
    });
    assert.match(stdout, /^ok\s+gosnare\.local\/sink/m);
});
//# sourceMappingURL=sandbox-sink.test.js.map