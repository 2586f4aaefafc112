// placeholder replaced below
import type { Finding } from '../result/schema.js';
export function checkTyposquat(_modulePath: string): { imitates: string; finding: Finding } | undefined {
  return undefined;
}
