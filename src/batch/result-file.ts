// Reading a result JSON back (report, batch resume): parsed and checked against the published schema,
// so a truncated, foreign or hand-edited file is rejected with a reason instead of crashing a renderer.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { AnalysisResult } from '../result/schema.js';

let validate: ValidateFunction<AnalysisResult> | undefined;

function validator(): ValidateFunction<AnalysisResult> {
  if (!validate) {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    validate = ajv.compile<AnalysisResult>(AnalysisResult);
  }
  return validate;
}

export class ResultFileError extends Error {
  override name = 'ResultFileError';
}

export function parseResult(text: string, name = 'result'): AnalysisResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ResultFileError(`${name} is not JSON: ${(err as Error).message}`);
  }
  const check = validator();
  if (!check(data)) {
    const e = check.errors?.[0];
    throw new ResultFileError(`${name} is not a gosnare result: ${e ? `${e.instancePath || '/'} ${e.message ?? ''}` : 'schema mismatch'}`);
  }
  return data;
}

export function readResultFile(file: string): AnalysisResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ResultFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseResult(text, file);
}
