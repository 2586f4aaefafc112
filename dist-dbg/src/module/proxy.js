// A client for the GOPROXY protocol (https://go.dev/ref/mod#goproxy-protocol): list, latest,
// .info, .mod and .zip, over https://, loopback http:// and file:// proxies, with Go's rules for
// GOPROXY lists (",": next proxy only after 404/410; "|": next proxy after any error).
import { createWriteStream } from 'node:fs';
import { copyFile, readFile, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { escapeCase } from './escape.js';
import { isValidSemver, pickLatest } from './semver.js';
export class ProxyError extends Error {
    kind;
    status;
    constructor(kind, message, status) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.name = 'ProxyError';
    }
}
/** Parse GOPROXY into entries; the separator *after* an entry says whether to fall back past any error. */
export function parseGoProxy(value) {
    const entries = [];
    const parts = value.split(/([,|])/); // [item, sep, item, sep, ..., item]
    for (let i = 0; i < parts.length; i += 2) {
        const item = parts[i].trim();
        if (item === '')
            continue;
        const fallBackOnError = parts[i + 1] === '|';
        if (item === 'direct' || item === 'off')
            entries.push({ kind: item, fallBackOnError });
        else
            entries.push({ kind: 'url', url: item.replace(/\/+$/, ''), fallBackOnError });
    }
    if (entries.length === 0)
        throw new ProxyError('refused', 'GOPROXY is empty');
    return entries;
}
function isLoopbackHost(host) {
    const h = host.replace(/^\[|\]$/g, '');
    return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
/** Refuse schemes and hosts we will not talk to; returns the URL to use. */
export function checkProxyUrl(raw, allowInsecure) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new ProxyError('refused', `GOPROXY entry ${JSON.stringify(raw)} is not a URL (expected https://, http://localhost or file://)`);
    }
    if (url.protocol === 'https:' || url.protocol === 'file:')
        return url;
    if (url.protocol === 'http:') {
        if (isLoopbackHost(url.hostname) || allowInsecure)
            return url;
        throw new ProxyError('refused', `refusing plain http:// proxy ${raw} (not loopback); use https:// or allow insecure proxies explicitly`);
    }
    throw new ProxyError('refused', `unsupported GOPROXY scheme in ${JSON.stringify(raw)}`);
}
export class ProxyClient {
    opts;
    entries;
    timeoutMs;
    maxZipBytes;
    constructor(opts) {
        this.opts = opts;
        this.entries = parseGoProxy(opts.goproxy);
        this.timeoutMs = opts.timeoutMs ?? 60_000;
        this.maxZipBytes = opts.maxZipBytes ?? 500 << 20;
    }
    /** Versions the proxies list for the module (tagged versions only, as the protocol defines). */
    async list(modulePath) {
        const { body } = await this.get(modulePath, '@v/list');
        return body
            .toString('utf8')
            .split('\n')
            .map((l) => l.trim().split(/\s+/)[0] ?? '')
            .filter((v) => v !== '');
    }
    async info(modulePath, query) {
        const rel = query === 'latest' ? '@latest' : `@v/${escapeCase(query)}.info`;
        const { body, proxy } = await this.get(modulePath, rel);
        let parsed;
        try {
            parsed = JSON.parse(body.toString('utf8'));
        }
        catch {
            throw new ProxyError('bad-response', `${proxy}: ${rel} for ${modulePath} is not JSON`);
        }
        const version = parsed.Version;
        if (typeof version !== 'string' || !isValidSemver(version)) {
            throw new ProxyError('bad-response', `${proxy}: ${rel} for ${modulePath} has no valid Version`);
        }
        const time = parsed.Time;
        return { Version: version, ...(typeof time === 'string' ? { Time: time } : {}), proxy };
    }
    /** Resolve a version query the way `go get path@query` does for the cases gosnare supports. */
    async resolveVersion(modulePath, query) {
        if (query === 'latest' || query === '') {
            let versions = [];
            try {
                versions = await this.list(modulePath);
            }
            catch (err) {
                if (!(err instanceof ProxyError && err.kind === 'not-found'))
                    throw err;
            }
            const best = pickLatest(versions);
            if (best !== undefined)
                return this.info(modulePath, best);
            return this.info(modulePath, 'latest'); // untagged module: the proxy picks a pseudo-version
        }
        return this.info(modulePath, query);
    }
    async mod(modulePath, version) {
        return (await this.get(modulePath, `@v/${escapeCase(version)}.mod`)).body;
    }
    /** Download the .zip to `dest`; returns the proxy it came from. */
    async zip(modulePath, version, dest) {
        return this.tryEach(modulePath, async (entry) => {
            const url = this.url(entry, modulePath, `@v/${escapeCase(version)}.zip`);
            if (url.protocol === 'file:') {
                const file = fileURLToPath(url);
                const st = await stat(file).catch(() => undefined);
                if (!st?.isFile())
                    throw new ProxyError('not-found', `not found: ${url.href}`, 404);
                if (st.size > this.maxZipBytes)
                    throw new ProxyError('bad-response', `${url.href} is larger than ${this.maxZipBytes} bytes`);
                await copyFile(file, dest);
                return entry.url;
            }
            const zipTimeout = this.timeoutMs * 4;
            const res = await this.fetchUrl(url, zipTimeout);
            if (res.body === null)
                throw new ProxyError('bad-response', `${url.href}: empty response`);
            const declared = Number(res.headers.get('content-length') ?? '0');
            if (declared > this.maxZipBytes)
                throw new ProxyError('bad-response', `${url.href} is larger than ${this.maxZipBytes} bytes`);
            let seen = 0;
            const max = this.maxZipBytes;
            const limited = Readable.fromWeb(res.body).on('data', (c) => {
                seen += c.length;
                if (seen > max)
                    limited.destroy(new ProxyError('bad-response', `${url.href} is larger than ${max} bytes`));
            });
            try {
                await pipeline(limited, createWriteStream(dest, { flags: 'wx', mode: 0o644 }));
            }
            catch (err) {
                await rm(dest, { force: true }); // the next proxy in the list writes the same file
                if (err instanceof ProxyError)
                    throw err;
                throw new ProxyError('network', `downloading ${url.href} failed: ${describeNetworkError(err, zipTimeout)}`);
            }
            return entry.url;
        });
    }
    url(entry, modulePath, rel) {
        const base = checkProxyUrl(entry.url, this.opts.allowInsecure ?? false);
        const href = `${base.href.replace(/\/+$/, '')}/${escapeCase(modulePath)}/${rel}`;
        return new URL(href);
    }
    async get(modulePath, rel) {
        let proxy = '';
        const body = await this.tryEach(modulePath, async (entry) => {
            proxy = entry.url;
            const url = this.url(entry, modulePath, rel);
            if (url.protocol === 'file:') {
                try {
                    return await readFile(fileURLToPath(url));
                }
                catch {
                    throw new ProxyError('not-found', `not found: ${url.href}`, 404);
                }
            }
            const res = await this.fetchUrl(url);
            try {
                return Buffer.from(await res.arrayBuffer());
            }
            catch (err) {
                throw new ProxyError('network', `reading ${url.href} failed: ${describeNetworkError(err, this.timeoutMs)}`);
            }
        });
        return { body, proxy };
    }
    /**
     * GET with redirects followed by hand, so each target is checked before we connect to it (no
     * downgrade to plain http off loopback). The timeout covers the body too.
     */
    async fetchUrl(url, timeoutMs = this.timeoutMs) {
        const signal = AbortSignal.timeout(timeoutMs);
        let current = url;
        let res;
        for (let hop = 0;; hop++) {
            try {
                res = await fetch(current, { signal, redirect: 'manual' });
            }
            catch (err) {
                throw new ProxyError('network', `cannot fetch ${current.href}: ${describeNetworkError(err, timeoutMs)}`);
            }
            const location = res.headers.get('location');
            if (res.status < 300 || res.status > 399 || location === null)
                break;
            await res.body?.cancel();
            if (hop >= 5)
                throw new ProxyError('bad-response', `${url.href}: too many redirects`);
            const next = new URL(location, current);
            if (next.protocol === 'file:')
                throw new ProxyError('refused', `${current.href} redirects to a file: URL`);
            current = checkProxyUrl(next.href, this.opts.allowInsecure ?? false);
        }
        if (res.ok)
            return res;
        const text = (await res.text().catch(() => '')).trim().slice(0, 300);
        const detail = text === '' ? `HTTP ${res.status}` : `HTTP ${res.status}: ${text}`;
        if (res.status === 404 || res.status === 410)
            throw new ProxyError('not-found', `${url.href}: ${detail}`, res.status);
        if (res.status === 400 || res.status === 403)
            throw new ProxyError('unavailable', `${url.href}: ${detail}`, res.status);
        throw new ProxyError('bad-response', `${url.href}: ${detail}`, res.status);
    }
    /** Walk the GOPROXY list with Go's fallback rules. */
    async tryEach(modulePath, op) {
        const errors = [];
        let lastError;
        for (const entry of this.entries) {
            if (entry.kind === 'off') {
                throw new ProxyError('refused', `module lookup disabled by GOPROXY=off${errors.length ? ` (after: ${errors.join('; ')})` : ''}`);
            }
            if (entry.kind === 'direct') {
                // Skipped like a not-found, so later entries still get their turn; the note explains why.
                errors.push(`"direct" (fetching ${modulePath} from its version control host) is not supported: gosnare only reads module proxies`);
                lastError = new ProxyError(lastError?.kind ?? 'unsupported', errors.join('; '), lastError?.status);
                continue;
            }
            if (entry.kind !== 'url')
                continue;
            try {
                return await op(entry);
            }
            catch (err) {
                const pe = err instanceof ProxyError ? err : new ProxyError('network', `${entry.url}: ${err.message}`);
                errors.push(pe.message);
                lastError = new ProxyError(pe.kind, errors.join('; '), pe.status);
                if (pe.kind === 'not-found' || entry.fallBackOnError)
                    continue;
                throw lastError;
            }
        }
        throw lastError ?? new ProxyError('refused', 'no usable GOPROXY entry');
    }
}
function describeNetworkError(err, timeoutMs) {
    const e = err;
    if (e.name === 'TimeoutError' || e.name === 'AbortError')
        return `timed out after ${Math.round(timeoutMs / 1000)} s`;
    const cause = e.cause?.code ?? e.cause?.message;
    return cause ? `${e.message ?? 'error'} (${cause})` : (e.message ?? String(err));
}
//# sourceMappingURL=proxy.js.map