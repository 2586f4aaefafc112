// One self-contained HTML triage page: inline CSS and JS only, no external assets, works offline.
// Every value from the result is escaped (the module, its argv, hosts and HTTP headers are
// attacker-controlled), and a Content-Security-Policy allows only the page's own style and script by hash.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import type { AnalysisResult, Connection, Finding, Phase } from '../result/schema.js';
import { LEVEL_LABEL, connectionTarget, httpUrl, indicators, processForest, type TreeNode } from './facts.js';
import { SCRIPT, STYLE, cspHash } from './html/assets.js';
import { esc, token } from './html/escape.js';
import { highlightGoLine } from './html/highlight.js';
import { phaseEvents, timelineSvg } from './html/timeline.js';

export interface HtmlOptions {
  /** Module source directory: when given, findings show a few lines of context around the match. */
  sourceRoot?: string;
  contextLines?: number;
}

const SHELLS = /(^|\/)(sh|bash|dash|zsh|ash|ksh|busybox|powershell|pwsh|cmd(\.exe)?)$/;

function treeHtml(nodes: TreeNode[], top = false): string {
  if (!nodes.length) return '';
  return `<ul${top ? ' class="tree"' : ''}>${nodes
    .map((n) => {
      const exe = n.label.split(' ')[0] ?? '';
      const cls = SHELLS.test(exe) ? 'proc shell' : 'proc';
      const exit = n.exitCode !== undefined ? `, exit ${esc(n.exitCode)}` : '';
      return `<li><span class="${cls}"><code>${esc(n.label)}</code><span class="pid">pid ${esc(n.pid)}${exit} · ${esc(n.ts.toFixed(2))} s</span></span>${treeHtml(n.children)}</li>`;
    })
    .join('')}</ul>`;
}

/** Source lines to show for a finding: from the module directory when available, else the snippet. */
function findingLines(f: Finding, opts: HtmlOptions): Array<{ no: number; text: string; hit: boolean }> {
  const endLine = f.endLine ?? f.line + Math.max(0, f.snippet.split('\n').length - 1);
  if (opts.sourceRoot && !isAbsolute(f.file) && !normalize(f.file).startsWith('..')) {
    try {
      const all = readFileSync(join(opts.sourceRoot, f.file), 'utf8').split('\n');
      const ctx = opts.contextLines ?? 3;
      const from = Math.max(1, f.line - ctx);
      const to = Math.min(all.length, endLine + ctx);
      const out = [];
      for (let no = from; no <= to; no++) out.push({ no, text: all[no - 1] ?? '', hit: no >= f.line && no <= endLine });
      if (out.length) return out;
    } catch {
      // fall back to the snippet
    }
  }
  return f.snippet.split('\n').map((text, i) => ({ no: f.line + i, text, hit: f.line + i <= endLine }));
}

function findingHtml(f: Finding, open: boolean, opts: HtmlOptions): string {
  const lines = findingLines(f, opts)
    .map((l) => `<span class="ln${l.hit ? ' hit' : ''}"><span class="no">${l.no}</span>${highlightGoLine(l.text)}</span>`)
    .join('');
  const recovered = f.recoveredStrings.length
    ? `<p>Recovered strings:</p><ul>${f.recoveredStrings.map((s) => `<li><code>${esc(s)}</code></li>`).join('')}</ul>`
    : '';
  const ctx = f.context ? ` <span class="dim">[${esc(f.context)}${f.function ? ` ${esc(f.function)}` : ''}${f.importTimeCaller ? `, called at import time from ${esc(`${f.importTimeCaller.file}:${f.importTimeCaller.line}`)}` : ''}]</span>` : '';
  return `<details class="finding"${open ? ' open' : ''}><summary><span class="sev sev-${token(f.severity)}">${esc(f.severity.toUpperCase())}</span> <code>${esc(f.ruleId)}</code> ${esc(f.message)} — <code>${esc(`${f.file}:${f.line}:${f.column}`)}</code>${ctx}</summary>
<p class="dim">category ${esc(f.category)}</p><pre class="src">${lines}</pre>${recovered}</details>`;
}

function connectionRow(c: Connection): string {
  const url = httpUrl(c);
  const what = c.http
    ? `<code>${esc(`${c.http.method} ${url ?? ''}`)}</code><details><summary>headers</summary><pre class="tail">${esc(Object.entries(c.http.headers).map(([k, v]) => `${k}: ${v}`).join('\n'))}${c.http.bodyPrefix ? esc(`\n\n${c.http.bodyPrefix}`) : ''}</pre></details>`
    : c.sni
      ? `tls sni <code>${esc(c.sni)}</code>`
      : c.firstBytesText
        ? `sent <code>${esc(c.firstBytesText.slice(0, 300))}</code>`
        : '<span class="dim">no data</span>';
  return `<tr class="conn"><td class="num">${esc(c.ts.toFixed(2))}</td><td>${esc(c.proto)}</td><td><code>${esc(connectionTarget(c))}</code></td><td>${c.host ? `<code>${esc(c.host)}</code>` : ''}</td><td class="num">${esc(c.pid)}</td><td>${what}</td></tr>`;
}

function phaseHtml(p: Phase, index: number): string {
  const out: string[] = [];
  const status = p.status === 'completed' ? esc(p.status) : `<b class="grade-suspicious">${esc(p.status)}</b>`;
  out.push(`<section class="phase" id="phase-${index}"><h3>Phase <code>${esc(p.name)}</code>: ${status}${p.exitCode !== undefined ? ` (exit ${esc(p.exitCode)})` : ''}, ${esc((p.durationMs / 1000).toFixed(1))} s</h3>`);
  if (p.error) out.push(`<pre class="tail">${esc(p.error)}</pre>`);
  if (p.processes.length) out.push(`<h4>Process tree</h4><div class="process-tree">${treeHtml(processForest(p), true)}</div>`);
  const events = phaseEvents(p);
  if (events.length) {
    const rowId = (i: number) => `ev-${index}-${i}`;
    out.push('<h4>Timeline</h4><div class="legend dim"><span><i class="l-exec"></i>process</span><span><i class="l-dns"></i>dns</span><span><i class="l-net"></i>connection / http</span><span><i class="l-file"></i>file</span></div>');
    out.push(timelineSvg(events, rowId));
    out.push('<table class="events"><thead><tr><th>t (s)</th><th>event</th><th>pid</th><th>what</th></tr></thead><tbody>');
    events.forEach((e, i) =>
      out.push(`<tr id="${rowId(i)}"><td class="num">${esc(e.ts.toFixed(2))}</td><td>${esc(e.kind)}</td><td class="num">${esc(e.pid)}</td><td><code>${esc(e.summary)}</code>${e.detail ? `<div class="dim mono">${esc(e.detail).replace(/\n/g, '<br>')}</div>` : ''}</td></tr>`),
    );
    out.push('</tbody></table>');
  }
  if (p.network.connections.length) {
    out.push('<h4>Connections</h4><table class="connections"><thead><tr><th>t (s)</th><th>proto</th><th>destination</th><th>host</th><th>pid</th><th>what was sent</th></tr></thead><tbody>');
    for (const c of p.network.connections) out.push(connectionRow(c));
    out.push('</tbody></table>');
  }
  if (p.status !== 'completed' || p.stderrTail) {
    const tail = [p.stdoutTail, p.stderrTail].filter(Boolean).join('\n');
    if (tail) out.push(`<details><summary>output tail${p.outputTruncated ? ' (truncated)' : ''}</summary><pre class="tail">${esc(tail)}</pre></details>`);
  }
  out.push('</section>');
  return out.join('\n');
}

export function renderHtml(r: AnalysisResult, opts: HtmlOptions = {}): string {
  const v = r.verdict;
  const mod = r.module.version ? `${r.module.path}@${r.module.version}` : r.module.path;
  const body: string[] = [];
  body.push(`<header><span class="badge ${token(v.level)}" id="verdict">${LEVEL_LABEL[v.level]}</span><div><h1>${esc(mod)}</h1><div class="dim">score ${esc(v.score)} · ${esc(v.reasons.length)} reasons · target <code>${esc(r.target)}</code> · ${esc(r.startedAt)} · gosnare ${esc(r.tool.version)}</div></div></header><main>`);

  body.push('<section id="reasons"><h2>Why</h2>');
  if (!v.reasons.length) body.push('<p>No evidence against this module.</p>');
  else {
    body.push('<div class="toolbar">show: ' + ['malicious', 'suspicious', 'info'].map((g) => `<label><input type="checkbox" class="grade-filter" value="${g}" checked> ${g}</label>`).join(' ') + '</div>');
    body.push('<table><thead><tr><th>grade</th><th>weight</th><th>source</th><th>category</th><th>reason</th><th>evidence</th></tr></thead><tbody>');
    for (const reason of v.reasons) {
      body.push(
        `<tr class="reason" data-grade="${token(reason.grade)}"><td class="grade-${token(reason.grade)}">${esc(reason.grade)}</td><td class="num">${esc(reason.weight)}</td><td>${esc(reason.source)}</td><td>${esc(reason.category)}</td><td>${esc(reason.message)}${reason.confirmed ? ' <span class="confirmed" title="seen statically and at run time">CONFIRMED</span>' : ''}</td><td><code>${esc(reason.evidence)}</code></td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }
  body.push('</section>');

  const iocs = indicators(r);
  body.push('<section id="indicators"><h2>Indicators</h2>');
  if (!iocs.length) body.push('<p class="dim">None.</p>');
  else {
    body.push('<table><thead><tr><th>kind</th><th>value</th><th>seen</th></tr></thead><tbody>');
    for (const i of iocs) body.push(`<tr><td>${esc(i.kind)}</td><td><code>${esc(i.value)}</code></td><td>${i.seen === 'both' ? '<span class="both">static + dynamic</span>' : esc(i.seen)}</td></tr>`);
    body.push('</tbody></table>');
  }
  body.push('</section>');

  body.push('<section id="dynamic"><h2>Dynamic analysis</h2>');
  if (!r.dynamic) body.push('<p class="dim">Not run (static only).</p>');
  else {
    body.push(`<p class="dim">image <code>${esc(r.dynamic.image)}</code>, ${esc((r.dynamic.durationMs / 1000).toFixed(1))} s</p>`);
    r.dynamic.phases.forEach((p, i) => body.push(phaseHtml(p, i)));
  }
  body.push('</section>');

  const findings = [...r.moduleFindings, ...r.static.findings];
  body.push(`<section id="findings"><h2>Static findings (${findings.length} in ${esc(r.static.filesScanned)} files)</h2>`);
  if (findings.length) {
    body.push('<div class="toolbar"><button type="button" id="expand-all">expand all</button><button type="button" id="collapse-all">collapse all</button></div>');
    findings.forEach((f, i) => body.push(findingHtml(f, i < 3 && (f.severity === 'critical' || f.severity === 'high'), opts)));
  } else body.push('<p class="dim">None.</p>');
  if (r.static.parseErrors.length) body.push(`<p class="dim">${esc(r.static.parseErrors.length)} files had parse errors.</p>`);
  body.push('</section>');

  const m = r.module;
  const rows: Array<[string, string]> = [
    ['path', `<code>${esc(m.path)}</code>`],
    ['version', m.version ? `<code>${esc(m.version)}</code>` : '<span class="dim">(none)</span>'],
    ['source', `${esc(m.source)}: <code>${esc(m.location)}</code>`],
    ['go', m.goVersion ? `<code>${esc(m.goVersion)}</code>` : ''],
    ['h1', m.h1 ? `<code>${esc(m.h1)}</code>` : '<span class="dim">(not computed)</span>'],
    ['h1 of go.mod', m.h1Mod ? `<code>${esc(m.h1Mod)}</code>` : ''],
    ['typosquat of', m.typosquatOf ? `<b class="grade-malicious">${esc(m.typosquatOf)}</b>` : 'no'],
    ['requires', m.requires.map((q) => `<code>${esc(`${q.path} ${q.version}`)}</code>`).join(' ') || 'nothing'],
    ['imports', r.static.imports.map((p) => `<code>${esc(p)}</code>`).join(' ')],
    ['rule pack', `<code>${esc(r.tool.rulePackHash.slice(0, 16))}</code>`],
  ];
  body.push(`<section id="module"><h2>Module</h2><table>${rows.map(([k, val]) => `<tr><th>${esc(k)}</th><td>${val}</td></tr>`).join('')}</table></section>`);
  body.push('</main>');

  const csp = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gosnare: ${LEVEL_LABEL[v.level]} ${esc(mod)}</title>
<style>${STYLE}</style></head>
<body>
${body.join('\n')}
<script>${SCRIPT}</script>
</body></html>
`;
}
