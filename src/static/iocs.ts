// IOC extraction from strings: first version, being extended.
import type { Iocs } from '../result/schema.js';

export function extractIocs(_strings: string[]): Iocs {
  return { urls: [], ips: [], domains: [], commands: [] };
}
