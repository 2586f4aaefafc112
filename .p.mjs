import { readFileSync } from 'node:fs';
import { collectPackages } from './dist/src/static/scan.js';
import { parseFile, parseGo } from './dist/src/static/parse.js';
import { loadRules } from './dist/src/static/rules/load.js';
import { runRulesOnPackage } from './dist/src/static/rules/match.js';
const tasks = collectPackages('/usr/local/go/src').slice(0, 300);
const srcs = tasks.flatMap(t => t.files.map(f => [f.rel, readFileSync(f.abs, 'utf8')]));
const mb = srcs.reduce((n, [, s]) => n + s.length, 0) / 1e6;
let t = Date.now(); const trees = srcs.map(([p, s]) => parseGo(s)); let dt = (Date.now() - t) / 1000;
console.log(`files ${srcs.length} MB ${mb.toFixed(1)} parseGo ${dt}s ${(mb/dt).toFixed(1)} MB/s`);
t = Date.now(); const files = srcs.map(([p, s]) => parseFile(p, s)); dt = (Date.now() - t) / 1000; console.log('parseFile', dt);
const rules = loadRules(['test/fixtures/rules/good']);
for (const r of rules.rules) { t = Date.now(); for (const f of files) r.query.matches(f.tree.rootNode); console.log(r.id, 'matches', (Date.now()-t)/1000); }
t = Date.now(); for (const f of files) runRulesOnPackage([f], rules.rules); console.log('run all', (Date.now()-t)/1000);
console.log('rss', process.memoryUsage.rss()/1e6);
