import { loadRules } from './dist/src/static/rules/load.js';
import { testRules } from './dist/src/static/rules/commands.js';
const s = loadRules(['test/fixtures/rules']);
console.log(s.rules.map(r=>r.id), s.errors, s.hash);
console.log(JSON.stringify(testRules(['test/fixtures/rules/good']), null, 1));
