import { readFileSync } from 'node:fs';
import v8 from 'node:v8'; import vm from 'node:vm';
v8.setFlagsFromString('--expose-gc'); const gc = vm.runInNewContext('gc');
import { collectPackages } from './dist/src/static/scan.js';
import Parser from 'tree-sitter'; import Go from 'tree-sitter-go';
const p = new Parser(); p.setLanguage(Go);
const tasks = collectPackages('/usr/local/go/src').slice(0, 300);
const srcs = tasks.flatMap(t => t.files.map(f => readFileSync(f.abs, 'utf8')));
const mb = srcs.reduce((n, s) => n + s.length, 0) / 1e6;
function run(name, fn) { gc(); const t = Date.now(); let n=0; for (const s of srcs) { fn(s); n+=s.length; if (n > 8e6) { gc(); n=0; } } const dt=(Date.now()-t)/1000; console.log(name, (mb/dt).toFixed(1), 'MB/s', 'rss', (process.memoryUsage.rss()/1e6).toFixed(0)); }
run('big buffer', s => p.parse(s, undefined, { bufferSize: s.length*2+1024 }));
run('64k buffer', s => p.parse(s, undefined, { bufferSize: 64*1024 }));
run('callback', s => p.parse((i) => s.slice(i, i + 65536)));
run('big buffer', s => p.parse(s, undefined, { bufferSize: s.length*2+1024 }));
