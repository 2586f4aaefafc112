// Human-readable summary for the terminal. Colours only when the stream is a TTY (picocolors also
// honours NO_COLOR / FORCE_COLOR).
import pc from 'picocolors';
import type { AnalysisResult, Finding, Phase, ProcessEvent } from '../result/schema.js';

type Colors = ReturnType<typeof pc.createColors>;

const LEVEL_LABEL = { clean: 'CLEAN', suspicious: 'SUSPICIOUS', malicious: 'MALICIOUS' } as const;

function levelColor(c: Colors, level: AnalysisResult['verdict']['level']): (s: string) => string {
  return level === 'malicious' ? (s) => c.bold(c.red(s)) : level === 'suspicious' ? (s) => c.bold(c.yellow(s)) : (s) => c.bold(c.green(s));
}

function sevColor(c: Colors, sev: Finding['severity']): (s: string) => string {
  switch (sev) {
    case 'critical':
      return (s) => c.bold(c.red(s));
    case 'high':
      return c.red;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    default:
      return c.dim;
  }
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

function short(s: string, max = 160): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

/** Draws the process tree of a phase: children under their parent, in start order. */
export function processTree(processes: ProcessEvent[]): string[] {
  const pids = new Set(processes.map((p) => p.pid));
  const children = new Map<number, ProcessEvent[]>();
  const roots: ProcessEvent[] = [];
  for (const p of processes) {
    if (p.ppid && pids.has(p.ppid) && p.ppid !== p.pid) {
      const list = children.get(p.ppid) ?? [];
      list.push(p);
      children.set(p.ppid, list);
    } else roots.push(p);
  }
  const lines: string[] = [];
  const seen = new Set<ProcessEvent>();
  const walk = (p: ProcessEvent, prefix: string, last: boolean, top: boolean): void => {
    if (seen.has(p)) return;
    seen.add(p);
    const label = `${short(p.argv.length ? p.argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ') : p.path, 140)}  [pid ${p.pid}${p.exitCode !== undefined ? `, exit ${p.exitCode}` : ''}]`;
    lines.push(top ? label : `${prefix}${last ? '└─ ' : '├─ '}${label}`);
    const kids = children.get(p.pid) ?? [];
    kids.forEach((k, i) => walk(k, top ? '' : prefix + (last ? '   ' : '│  '), i === kids.length - 1, false));
  };
  roots.forEach((r) => walk(r, '', true, true));
  return lines;
}

function phaseSection(c: Colors, p: Phase): string[] {
  const out: string[] = [];
  const status = p.status === 'completed' ? c.green(p.status) : c.yellow(p.status);
  out.push(`  phase ${c.bold(p.name)}: ${status}${p.exitCode !== undefined ? ` (exit ${p.exitCode})` : ''} in ${(p.durationMs / 1000).toFixed(1)} s`);
  if (p.error) out.push(indent(short(p.error, 400), '    '));
  if (p.status === 'build-failed' && p.stderrTail) out.push(indent(p.stderrTail.split('\n').slice(-8).join('\n'), '    '));
  if (p.processes.length > 1) {
    out.push('    process tree:');
    for (const l of processTree(p.processes)) out.push('      ' + l);
  }
  if (p.network.dns.length) {
    out.push('    dns:');
    for (const d of p.network.dns) out.push(`      ${d.type} ${c.magenta(d.name)}`);
  }
  if (p.network.connections.length) {
    out.push('    connections:');
    for (const k of p.network.connections) {
      const dst = k.family === 'ipv6' ? `[${k.dst.ip}]:${k.dst.port}` : `${k.dst.ip}:${k.dst.port}`;
      let line = `      ${k.proto} ${c.magenta(dst)}${k.host ? ` (${k.host})` : ''}`;
      if (k.http) line += `  ${k.http.tls ? 'https' : 'http'} ${k.http.method} ${k.http.host}${k.http.path}`;
      else if (k.sni) line += `  tls sni=${k.sni}`;
      else if (k.firstBytesText) line += `  sent ${JSON.stringify(short(k.firstBytesText, 60))}`;
      out.push(line);
    }
  }
  const notable = p.files.filter((f) => f.bait || f.op !== 'read');
  if (notable.length) {
    out.push('    files:');
    for (const f of notable.slice(0, 30)) out.push(`      ${f.op} ${f.path}${f.bait ? c.red(' (bait)') : ''}`);
    if (notable.length > 30) out.push(`      … ${notable.length - 30} more`);
  }
  return out;
}

export function renderText(r: AnalysisResult, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [];
  const mod = r.module.version ? `${r.module.path}@${r.module.version}` : r.module.path;
  out.push(`${c.bold('gosnare')} ${mod} ${c.dim(`(${r.module.source}: ${r.module.location})`)}`);
  if (r.module.typosquatOf) out.push(`  ${c.red('looks like a typosquat of')} ${r.module.typosquatOf}`);
  if (r.module.h1) out.push(c.dim(`  h1 ${r.module.h1}`));
  const v = r.verdict;
  out.push(`Verdict: ${levelColor(c, v.level)(LEVEL_LABEL[v.level])} ${c.dim(`(score ${v.score})`)}`);
  for (const reason of v.reasons.slice(0, 12)) {
    const mark = reason.grade === 'malicious' ? c.red('✖') : reason.grade === 'suspicious' ? c.yellow('!') : c.dim('·');
    out.push(`  ${mark} ${reason.message} — ${c.dim(reason.evidence)}${reason.confirmed ? c.bold(' [confirmed at run time]') : ''}`);
  }
  if (v.reasons.length > 12) out.push(c.dim(`  … ${v.reasons.length - 12} more reasons (see --format json)`));

  const findings = [...r.moduleFindings, ...r.static.findings];
  out.push('');
  out.push(`${c.bold('Static findings')} (${findings.length}) in ${r.static.filesScanned} files`);
  for (const f of findings) {
    out.push(`  ${sevColor(c, f.severity)(f.severity.padEnd(8))} ${f.ruleId}  ${c.cyan(`${f.file}:${f.line}:${f.column}`)}${f.context ? c.dim(` [${f.context}${f.function ? ` ${f.function}` : ''}${f.importTimeCaller ? `, called at import time from ${f.importTimeCaller.file}:${f.importTimeCaller.line}` : ''}]`) : ''}`);
    out.push(`           ${f.message}`);
    if (f.snippet) out.push(c.dim(indent(f.snippet.split('\n').slice(0, 4).join('\n'), '           │ ')));
    for (const s of f.recoveredStrings.slice(0, 3)) out.push(`           ${c.magenta('recovered:')} ${short(s, 200)}`);
  }
  const i = r.static.iocs;
  if (i.urls.length + i.ips.length + i.domains.length + i.commands.length > 0) {
    out.push('');
    out.push(c.bold('Indicators'));
    if (i.urls.length) out.push(`  urls:     ${i.urls.join(', ')}`);
    if (i.domains.length) out.push(`  domains:  ${i.domains.join(', ')}`);
    if (i.ips.length) out.push(`  ips:      ${i.ips.join(', ')}`);
    for (const cmd of i.commands.slice(0, 10)) out.push(`  command:  ${short(cmd, 200)}`);
  }
  if (r.dynamic) {
    out.push('');
    out.push(`${c.bold('Dynamic analysis')} ${c.dim(`(${r.dynamic.image}, ${(r.dynamic.durationMs / 1000).toFixed(1)} s)`)}`);
    for (const p of r.dynamic.phases) out.push(...phaseSection(c, p));
  } else {
    out.push('');
    out.push(c.dim('Dynamic analysis: not run (--static-only)'));
  }
  return out.join('\n') + '\n';
}
