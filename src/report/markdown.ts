// Markdown triage report: verdict and reasons first, then indicators, process trees, the network
// timeline, static findings with their code, and module facts. Everything that comes from the module is
// attacker-controlled: it goes into code spans/fences sized past its own backticks, with table pipes and
// newlines neutralised, and plain text is escaped so a renderer never sees raw HTML or Markdown from it.
import type { AnalysisResult, Finding } from '../result/schema.js';
import { LEVEL_LABEL, indicators, networkTimeline } from './facts.js';
import { processTree } from './text.js';

/** Text outside code, always mid-line: inline Markdown punctuation backslash-escaped, HTML specials as
 * entities (line-start syntax such as #, -, 1. cannot apply there). */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** An inline code span that its content cannot close. */
export function mdCode(s: string): string {
  return codeSpan(s.replace(/\r?\n/g, ' ⏎ '));
}

/** A code span inside a GFM table cell: a pipe would end the cell even inside code, so it is escaped. */
export function mdCell(s: string): string {
  return codeSpan(s.replace(/\r?\n/g, ' ⏎ ').replace(/\|/g, '\\|'));
}

function codeSpan(one: string): string {
  if (!one) return '` `';
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** A fenced block its content cannot close. */
export function mdFence(s: string, lang = ''): string {
  const longest = Math.max(2, ...(s.match(/^ {0,3}`{3,}/gm) ?? []).map((m) => m.trim().length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${s.replace(/\n+$/, '')}\n${fence}`;
}

function findingBlock(f: Finding): string[] {
  const out: string[] = [];
  const where = `${f.file}:${f.line}:${f.column}`;
  out.push(`#### ${f.severity.toUpperCase()} ${mdCode(f.ruleId)} at ${mdCode(where)}`);
  out.push('');
  out.push(`${mdText(f.message)} (category ${mdText(f.category)}${f.context ? `, runs in ${mdText(f.context)}${f.function ? ` of ${mdCode(f.function)}` : ''}` : ''}${f.importTimeCaller ? `, called at import time from ${mdCode(`${f.importTimeCaller.file}:${f.importTimeCaller.line}`)}` : ''})`);
  out.push('');
  if (f.snippet) {
    const numbered = f.snippet.split('\n').map((l, i) => `${String(f.line + i).padStart(5)} | ${l}`);
    out.push(mdFence(numbered.join('\n'), 'go'));
    out.push('');
  }
  if (f.recoveredStrings.length) {
    out.push('Recovered strings:');
    for (const s of f.recoveredStrings) out.push(`- ${mdCode(s)}`);
    out.push('');
  }
  return out;
}

export function renderMarkdown(r: AnalysisResult): string {
  const out: string[] = [];
  const v = r.verdict;
  const mod = r.module.version ? `${r.module.path}@${r.module.version}` : r.module.path;
  out.push(`# gosnare: ${LEVEL_LABEL[v.level]} — ${mdCode(mod)}`);
  out.push('');
  out.push(`**Verdict: ${LEVEL_LABEL[v.level]}** (score ${v.score}, ${v.reasons.length} reasons). Target ${mdCode(r.target)}, analysed ${mdText(r.startedAt)} by gosnare ${mdText(r.tool.version)}, rule pack ${mdCode(r.tool.rulePackHash.slice(0, 12))}.`);
  out.push('');

  out.push('## Reasons');
  out.push('');
  if (v.reasons.length === 0) out.push('No evidence against this module.');
  else {
    out.push('| grade | weight | source | category | reason | evidence | confirmed |');
    out.push('| --- | ---: | --- | --- | --- | --- | --- |');
    for (const reason of v.reasons) {
      out.push(`| ${reason.grade} | ${reason.weight} | ${reason.source} | ${mdText(reason.category)} | ${mdText(reason.message)} | ${mdCell(reason.evidence)} | ${reason.confirmed ? '**yes** (seen at run time)' : ''} |`);
    }
  }
  out.push('');

  const iocs = indicators(r);
  out.push('## Indicators');
  out.push('');
  if (iocs.length === 0) out.push('None.');
  else {
    out.push('| kind | value | seen |');
    out.push('| --- | --- | --- |');
    for (const i of iocs) out.push(`| ${i.kind} | ${mdCell(i.value)} | ${i.seen === 'both' ? '**static + dynamic**' : i.seen} |`);
  }
  out.push('');

  out.push('## Dynamic analysis');
  out.push('');
  if (!r.dynamic) out.push('Not run (static only).');
  else {
    out.push(`Image ${mdCode(r.dynamic.image)}, ${(r.dynamic.durationMs / 1000).toFixed(1)} s.`);
    out.push('');
    for (const p of r.dynamic.phases) {
      out.push(`### Phase ${mdCode(p.name)}: ${mdText(p.status)}${p.exitCode !== undefined ? ` (exit ${p.exitCode})` : ''}, ${(p.durationMs / 1000).toFixed(1)} s`);
      out.push('');
      if (p.error) out.push(`Error: ${mdCode(p.error)}`, '');
      if (p.processes.length) {
        out.push('**Process tree**');
        out.push('');
        out.push(mdFence(processTree(p.processes).join('\n')));
        out.push('');
      }
      const net = networkTimeline(p);
      if (net.length) {
        out.push('**Network timeline**');
        out.push('');
        out.push('| t (s) | pid | event | what | detail |');
        out.push('| ---: | ---: | --- | --- | --- |');
        for (const e of net) out.push(`| ${e.ts.toFixed(2)} | ${e.pid ?? ''} | ${e.kind} | ${mdCell(e.summary)} | ${e.detail ? mdCell(e.detail) : ''} |`);
        out.push('');
      }
      const files = p.files.filter((f) => f.bait || f.op !== 'read');
      if (files.length) {
        out.push('**Files**');
        out.push('');
        for (const f of files) out.push(`- ${f.op} ${mdCode(f.path)} pid ${f.pid}${f.bait ? ' — **planted credential file**' : ''}`);
        out.push('');
      }
      if (p.status !== 'completed' && (p.stderrTail || p.stdoutTail)) {
        out.push('Output tail:');
        out.push('');
        out.push(mdFence([p.stdoutTail, p.stderrTail].filter(Boolean).join('\n')));
        out.push('');
      }
    }
  }

  const findings = [...r.moduleFindings, ...r.static.findings];
  out.push(`## Static findings (${findings.length} in ${r.static.filesScanned} files)`);
  out.push('');
  if (findings.length === 0) out.push('None.', '');
  for (const f of findings) out.push(...findingBlock(f));

  out.push('## Module');
  out.push('');
  out.push('| fact | value |');
  out.push('| --- | --- |');
  out.push(`| path | ${mdCell(r.module.path)} |`);
  out.push(`| version | ${r.module.version ? mdCell(r.module.version) : '(none)'} |`);
  out.push(`| source | ${mdText(r.module.source)}: ${mdCell(r.module.location)} |`);
  if (r.module.goVersion) out.push(`| go | ${mdCell(r.module.goVersion)} |`);
  out.push(`| h1 | ${r.module.h1 ? mdCell(r.module.h1) : '(not computed)'} |`);
  if (r.module.h1Mod) out.push(`| h1 of go.mod | ${mdCell(r.module.h1Mod)} |`);
  out.push(`| typosquat of | ${r.module.typosquatOf ? mdCell(r.module.typosquatOf) : 'no'} |`);
  out.push(`| requires | ${r.module.requires.length ? r.module.requires.map((q) => mdCell(`${q.path} ${q.version}`)).join(', ') : 'nothing'} |`);
  out.push(`| imports | ${r.static.imports.length} packages |`);
  out.push('');
  return out.join('\n');
}
