import assert from 'node:assert/strict';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ProxyClient, ProxyError, parseGoProxy } from '../src/module/proxy.js';
import { TargetError } from '../src/target/errors.js';
import { resolveTarget } from '../src/target/resolve.js';
import { makeFileProxy, recordedModules } from './fixtures/proxy/make-proxy.js';
let proxyDir;
let work;
let server;
let base;
const seen = [];
const uuid = (await recordedModules()).find((m) => m.path === 'github.com/google/uuid');
before(async () => {
    proxyDir = await makeFileProxy();
    work = await mkdtemp(path.join(tmpdir(), 'gosnare-proxy-test-'));
    // /good/... serves the fixture proxy; /missing/... 404s; /broken/... 500s; /gone/... 410s; /slow/... never answers.
    server = createServer((req, res) => {
        const url = req.url ?? '';
        seen.push(url);
        const [, mode, ...rest] = url.split('/');
        if (mode === 'slow')
            return; // hang
        if (mode === 'missing')
            return void res.writeHead(404).end('not found: no such module');
        if (mode === 'gone')
            return void res.writeHead(410).end('gone');
        if (mode === 'redirect-good')
            return void res.writeHead(302, { location: `/good/${rest.join('/')}` }).end();
        if (mode === 'redirect-insecure')
            return void res.writeHead(302, { location: 'http://cdn.example/x.zip' }).end();
        if (mode === 'withdrawn')
            return void res.writeHead(403).end('This module version is not available.');
        if (mode === 'broken')
            return void res.writeHead(500).end('internal\nerror');
        readFile(path.join(proxyDir, ...rest.map(decodeURIComponent)))
            .then((data) => res.writeHead(200).end(data))
            .catch(() => res.writeHead(404).end('not found'));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await rm(proxyDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
});
test('parseGoProxy: separators after each entry decide fallback', () => {
    assert.deepEqual(parseGoProxy('https://a.example,https://b.example|direct'), [
        { kind: 'url', url: 'https://a.example', fallBackOnError: false },
        { kind: 'url', url: 'https://b.example', fallBackOnError: true },
        { kind: 'direct', fallBackOnError: false },
    ]);
    assert.deepEqual(parseGoProxy('off'), [{ kind: 'off', fallBackOnError: false }]);
});
test('http proxy on loopback: list, info, mod, zip with case-encoded paths', async () => {
    const client = new ProxyClient({ goproxy: `${base}/good` });
    assert.deepEqual(await client.list('github.com/BurntSushi/toml'), ['v0.3.1']);
    assert.equal((await client.info('github.com/BurntSushi/toml', 'v0.3.1')).Version, 'v0.3.1');
    assert.equal((await client.mod('github.com/BurntSushi/toml', 'v0.3.1')).toString(), 'module github.com/BurntSushi/toml\n');
    assert.ok(seen.includes('/good/github.com/!burnt!sushi/toml/@v/v0.3.1.mod'), seen.join(' '));
    const dest = path.join(work, 'toml.zip');
    await client.zip('github.com/BurntSushi/toml', 'v0.3.1', dest);
    assert.ok((await readFile(dest)).length > 1000);
});
test('comma: 404 and 410 fall through to the next proxy, a 500 stops', async () => {
    const ok = new ProxyClient({ goproxy: `${base}/missing,${base}/gone,${base}/good` });
    assert.equal((await ok.info(uuid.path, uuid.version)).Version, uuid.version);
    const stops = new ProxyClient({ goproxy: `${base}/broken,${base}/good` });
    await assert.rejects(stops.info(uuid.path, uuid.version), (err) => {
        assert.ok(err instanceof ProxyError);
        assert.equal(err.kind, 'bad-response');
        assert.equal(err.status, 500);
        return true;
    });
});
test('403 (withdrawn version) does not fall through a comma list and maps to a not-found TargetError', async () => {
    const client = new ProxyClient({ goproxy: `${base}/withdrawn,${base}/good` });
    await assert.rejects(client.info(uuid.path, uuid.version), (err) => err instanceof ProxyError && err.kind === 'unavailable' && err.status === 403);
    await assert.rejects(resolveTarget(`${uuid.path}@${uuid.version}`, { goproxy: `${base}/withdrawn`, gonoproxy: '', cacheDir: path.join(work, 'c403'), workDir: work, env: {} }), (err) => err instanceof TargetError && err.kind === 'not-found' && /will not serve/.test(err.message) && /not available/.test(err.message));
});
test('redirects are followed, but never to plain http off loopback', async () => {
    const ok = new ProxyClient({ goproxy: `${base}/redirect-good` });
    assert.equal((await ok.info(uuid.path, uuid.version)).Version, uuid.version);
    const bad = new ProxyClient({ goproxy: `${base}/redirect-insecure` });
    await assert.rejects(bad.info(uuid.path, uuid.version), (err) => err instanceof ProxyError && err.kind === 'refused' && /cdn\.example/.test(err.message));
});
test('pipe: any error falls through', async () => {
    const client = new ProxyClient({ goproxy: `${base}/broken|${base}/good` });
    assert.equal((await client.info(uuid.path, uuid.version)).Version, uuid.version);
});
test('a proxy that does not answer times out with a clear message', async () => {
    const client = new ProxyClient({ goproxy: `${base}/slow`, timeoutMs: 300 });
    await assert.rejects(client.info(uuid.path, uuid.version), /timed out after/);
});
test('a closed port is a network error naming the URL', async () => {
    const client = new ProxyClient({ goproxy: 'http://127.0.0.1:9' });
    await assert.rejects(client.list(uuid.path), (err) => err instanceof ProxyError && err.kind === 'network' && /127\.0\.0\.1:9/.test(err.message));
});
test('resolveTarget over an http loopback proxy, after a 404 proxy, verifies h1', async () => {
    const r = await resolveTarget(`${uuid.path}@${uuid.version}`, {
        goproxy: `${base}/missing,${base}/good`,
        gonoproxy: '',
        cacheDir: path.join(work, 'cache'),
        workDir: work,
        env: {},
    });
    assert.equal(r.info.h1, uuid.h1);
    assert.equal(r.info.location, `${base}/good/${uuid.path}/@v/${uuid.version}.zip`);
    await r.cleanup();
});
test('a 500 from the proxy becomes a network TargetError with a one-line message', async () => {
    await assert.rejects(resolveTarget(`${uuid.path}@${uuid.version}`, { goproxy: `${base}/broken`, gonoproxy: '', cacheDir: path.join(work, 'c2'), workDir: work, env: {} }), (err) => err instanceof Error && err.name === 'TargetError' && /HTTP 500/.test(err.message) && !err.message.includes('\n'));
});
//# sourceMappingURL=module-proxy.test.js.map