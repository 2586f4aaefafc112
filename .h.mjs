import { readFileSync } from 'node:fs';
import { collectPackages } from './dist/src/static/scan.js';
import { factsOf, prefilterPasses } from './dist/src/static/rules/prefilter.js';
const tasks = collectPackages('/usr/local/go/src');
const hints = {
  litcat: /["`]\s*\+\s*["`]/,
  catAny: /["`]\s*\+|\+\s*["`]/,
  b64: /base64|encoding\/hex/,
  join: /strings\.Join\(/,
  sprintf: /Sprintf\(/,
  strtable: /\[\]string\{/,
  bytes: /\[\]byte\{/,
  xor: /\^/,
  stringconv: /\bstring\(/,
};
const tot = {}; let all = 0; let none = 0;
const imps = ['os/exec','net','net/http','syscall','os','unsafe','encoding/base64','encoding/hex','runtime','io/ioutil','crypto/tls','net/url'];
const impTot = {};
for (const t of tasks) for (const f of t.files) { const s = readFileSync(f.abs, 'utf8'); all += s.length; let any=false;
  for (const [k, re] of Object.entries(hints)) if (re.test(s)) { tot[k] = (tot[k]??0) + s.length; }
  const facts = factsOf(f.rel, s); if (facts.imports===null) impTot.NULL=(impTot.NULL??0)+s.length;
  for (const i of imps) if (facts.imports?.has(i)) impTot[i]=(impTot[i]??0)+s.length;
}
for (const [k,v] of Object.entries(tot)) console.log(k, (v/all*100).toFixed(1)+'%');
for (const [k,v] of Object.entries(impTot)) console.log('import', k, (v/all*100).toFixed(1)+'%');
