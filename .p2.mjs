import { readFileSync } from 'node:fs';
import { collectPackages } from './dist/src/static/scan.js';
import { parseFile, parseGo } from './dist/src/static/parse.js';
import { resolveImports } from './dist/src/static/imports.js';
const tasks = collectPackages('/usr/local/go/src').slice(0, 300);
const srcs = tasks.flatMap(t => t.files.map(f => [f.rel, readFileSync(f.abs, 'utf8')]));
const mb = srcs.reduce((n, [, s]) => n + s.length, 0) / 1e6;
let t = Date.now(); let ti=0, tn=0;
for (const [p, s] of srcs) { const tr = parseGo(s); let t1=Date.now(); resolveImports(tr.rootNode); ti+=Date.now()-t1; t1=Date.now(); tr.rootNode.namedChildren; tr.rootNode.hasError; tn+=Date.now()-t1; }
let dt = (Date.now() - t) / 1000;
console.log(`parse+imports ${dt}s, imports ${ti/1000}s, namedChildren ${tn/1000}s; rss ${process.memoryUsage.rss()/1e6}`);
