import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult } from '../../src/result/schema.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface SampleExpectation {
  verdict: AnalysisResult['verdict']['level'];
  static: { mustFireCategories: string[]; mustRecover: string[]; iocs: { domains: string[]; ips: string[]; urls: string[] } };
  dynamic: { processes: string[][]; dns: string[]; connections: string[] };
}

/** Sample modules: directories under samples/ holding an expect.json. */
export function listSamples(): Array<{ name: string; dir: string; expect: SampleExpectation }> {
  const base = join(repoRoot, 'samples');
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(base, e.name, 'expect.json')))
    .map((e) => ({
      name: e.name,
      dir: join(base, e.name),
      expect: JSON.parse(readFileSync(join(base, e.name, 'expect.json'), 'utf8')) as SampleExpectation,
    }));
}
