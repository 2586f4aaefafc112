// Reading a result JSON back (report, batch resume): parsed and checked against the published schema,
// so a truncated, foreign or hand-edited file is rejected with a reason instead of crashing a renderer.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { AnalysisResult } from '../result/schema.js';
let validate;
function validator() {
    if (!validate) {
        const ajv = new Ajv2020({ strict: false, allErrors: false });
        addFormats(ajv);
        validate = ajv.compile(AnalysisResult);
    }
    return validate;
}
export class ResultFileError extends Error {
    name = 'ResultFileError';
}
export function parseResult(text, name = 'result') {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (err) {
        throw new ResultFileError(`${name} is not JSON: ${err.message}`);
    }
    const check = validator();
    if (!check(data)) {
        const e = check.errors?.[0];
        throw new ResultFileError(`${name} is not a gosnare result: ${e ? `${e.instancePath || '/'} ${e.message ?? ''}` : 'schema mismatch'}`);
    }
    return data;
}
export function readResultFile(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (err) {
        throw new ResultFileError(`cannot read ${file}: ${err.code ?? String(err)}`);
    }
    return parseResult(text, file);
}
//# sourceMappingURL=result-file.js.map