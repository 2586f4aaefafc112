// SARIF 2.1.0 for code-scanning tools: one run per analysed module, rule metadata from the rule pack,
// one result per static/module finding (physical location relative to the module root), and the
// sandbox evidence as results anchored at go.mod (SARIF results need a location; the behaviour is the
// module's as a whole). Levels: critical/high -> error, medium -> warning, low/info -> note.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { AnalysisResult, Finding, Reason, Severity } from '../result/schema.js';

/** What SARIF needs to know about a rule; the rule pack's compiled rules satisfy it. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  category: string;
  message: string;
  description: string;
  references: string[];
}

type Level = 'error' | 'warning' | 'note';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
// GitHub code scanning ranks security alerts by this property (a CVSS-like number as a string).
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** A relative URI reference for a module file: each path segment percent-encoded. */
export function artifactUri(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function sarifRule(meta: RuleMeta): Record<string, unknown> {
  const refs = meta.references.length ? `\n\nReferences:\n${meta.references.map((r) => `- ${r}`).join('\n')}` : '';
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.message },
    fullDescription: { text: meta.description.trim() || meta.message },
    help: { text: `${meta.description.trim() || meta.message}${refs}`, markdown: `**${meta.message}**\n\n${meta.description.trim()}${refs}` },
    ...(meta.references[0] ? { helpUri: meta.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ['security', meta.category], category: meta.category, severity: meta.severity, 'security-severity': SECURITY_SEVERITY[meta.severity] },
  };
}

function metaFromFinding(f: Finding): RuleMeta {
  return { id: f.ruleId, severity: f.severity, category: f.category, message: f.message, description: f.message, references: [] };
}

const DYNAMIC_DESCRIPTION: Record<string, string> = {
  exec: 'The sandboxed run of the module started a process.',
  network: 'The sandboxed run of the module resolved a host name or opened a network connection.',
  'credential-access': 'The sandboxed run of the module read a planted credential file.',
  persistence: 'The sandboxed run of the module changed files while being imported.',
  evasion: 'The sandboxed run of the module did not finish in time.',
};

function dynamicRuleId(reason: Reason): string {
  return `dynamic-${reason.category.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function renderSarif(input: AnalysisResult | AnalysisResult[], pack: RuleMeta[] = []): string {
  const results = Array.isArray(input) ? input : [input];
  const packById = new Map(pack.map((r) => [r.id, r]));
  const runs = results.map((r) => {
    const rules: Array<Record<string, unknown>> = [];
    const ruleIndex = new Map<string, number>();
    const useRule = (meta: RuleMeta): number => {
      let i = ruleIndex.get(meta.id);
      if (i === undefined) {
        i = rules.length;
        rules.push(sarifRule(meta));
        ruleIndex.set(meta.id, i);
      }
      return i;
    };
    const sarifResults: Array<Record<string, unknown>> = [];
    for (const f of [...r.moduleFindings, ...r.static.findings]) {
      const index = useRule(packById.get(f.ruleId) ?? metaFromFinding(f));
      const recovered = f.recoveredStrings.length ? ` Recovered: ${f.recoveredStrings.map((s) => JSON.stringify(s)).join(', ')}.` : '';
      const region: Record<string, unknown> = { startLine: f.line, startColumn: f.column, snippet: { text: f.snippet } };
      if (f.endLine !== undefined && f.endLine >= f.line) region.endLine = f.endLine;
      sarifResults.push({
        ruleId: f.ruleId,
        ruleIndex: index,
        level: LEVEL[f.severity],
        message: { text: `${f.message}${f.context ? ` (runs in ${f.context}${f.function ? ` of ${f.function}` : ''}${f.importTimeCaller ? `, called at import time from ${f.importTimeCaller.file}:${f.importTimeCaller.line}` : ''})` : ''}.${recovered}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.file), uriBaseId: '%SRCROOT%' }, region } }],
        partialFingerprints: { 'gosnareFinding/v1': fingerprint(f.ruleId, f.file, f.snippet) },
        properties: { severity: f.severity, category: f.category, ...(f.context ? { context: f.context } : {}) },
      });
    }
    for (const reason of r.verdict.reasons.filter((x) => x.source === 'dynamic')) {
      const id = dynamicRuleId(reason);
      const severity: Severity = reason.grade === 'malicious' ? 'critical' : reason.grade === 'suspicious' ? 'medium' : 'info';
      const index = useRule(
        packById.get(id) ?? { id, severity, category: reason.category, message: `Sandbox: ${reason.category} behaviour`, description: DYNAMIC_DESCRIPTION[reason.category] ?? 'Behaviour recorded by the sandboxed run.', references: [] },
      );
      sarifResults.push({
        ruleId: id,
        ruleIndex: index,
        level: LEVEL[severity],
        message: { text: `${reason.message}: ${reason.evidence}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'go.mod', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }],
        partialFingerprints: { 'gosnareFinding/v1': fingerprint(id, reason.evidence) },
        properties: { grade: reason.grade, weight: reason.weight },
      });
    }
    const run: Record<string, unknown> = {
      tool: { driver: { name: 'gosnare', version: r.tool.version, semanticVersion: r.tool.version, rules, properties: { rulePackHash: r.tool.rulePackHash } } },
      invocations: [{ executionSuccessful: true, startTimeUtc: r.startedAt }],
      results: sarifResults,
      properties: {
        target: r.target,
        module: { path: r.module.path, version: r.module.version, source: r.module.source, h1: r.module.h1 ?? null },
        verdict: { level: r.verdict.level, score: r.verdict.score },
      },
    };
    if (r.module.source === 'dir' && r.module.location.startsWith('/')) {
      run.originalUriBaseIds = { '%SRCROOT%': { uri: pathToFileURL(r.module.location.endsWith('/') ? r.module.location : `${r.module.location}/`).href } };
    }
    return run;
  });
  return JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs }, null, 2) + '\n';
}
