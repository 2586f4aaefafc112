// Text report of `gosnare diff`: a summary a reviewer reads in a minute (verdict line, counts,
// the flags), then the details (findings, imports, import-time code, files, diffs).
import pc from 'picocolors';
/** Colour a unified diff: additions green, removals red, hunk headers cyan. */
export function colorPatch(c, patch) {
    return patch
        .split('\n')
        .map((l) => l.startsWith('+++') || l.startsWith('---') || l.startsWith('===') || l.startsWith('Index:')
        ? c.bold(l)
        : l.startsWith('+')
            ? c.green(l)
            : l.startsWith('-')
                ? c.red(l)
                : l.startsWith('@@')
                    ? c.cyan(l)
                    : l)
        .join('\n');
}
/** createTwoFilesPatch starts with an `Index:`/`===` banner that only repeats the file name. */
export function trimPatchBanner(patch) {
    return patch.replace(/^(?:Index: [^\n]*\n)?=+\n/, '').replace(/\n$/, '');
}
export function severityLabel(c, sev) {
    const label = sev.toUpperCase();
    return sev === 'critical' ? c.bold(c.red(label)) : sev === 'high' ? c.red(label) : sev === 'medium' ? c.yellow(label) : sev === 'low' ? c.cyan(label) : c.dim(label);
}
function indent(text, pad) {
    return text
        .split('\n')
        .map((l) => pad + l)
        .join('\n');
}
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}
function sideLabel(s) {
    return s.version !== '' ? s.version : s.location;
}
function countBySeverity(findings) {
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const parts = order.map((s) => [s, findings.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0);
    return parts.length ? ` (${parts.map(([s, n]) => `${n} ${s}`).join(', ')})` : '';
}
function unitLine(c, u) {
    const what = u.kind === 'init' ? 'init()' : `var ${u.names.join(', ')}`;
    const reach = u.reaches.length ? c.red(` reaches ${u.reaches.map((r) => r.call).join(', ')}`) : '';
    return `${u.file}:${u.line}  ${what} (${u.status})${reach}`;
}
export function renderDiffText(report, color) {
    const c = pc.createColors(color);
    const r = report.review;
    const out = [];
    const samePath = report.old.path === report.new.path;
    out.push(c.bold(samePath
        ? `gosnare diff ${report.new.path} ${sideLabel(report.old)} -> ${sideLabel(report.new)}`
        : `gosnare diff ${report.old.path} ${sideLabel(report.old)} -> ${report.new.path} ${sideLabel(report.new)}`));
    if (report.flagged)
        out.push(c.bold(c.red(`FLAGGED: ${r.newLabel} adds exec or network at import time (${plural(r.flags.length, 'place')})`)));
    else
        out.push(c.bold(c.green(`not flagged: ${r.newLabel} adds no exec or network at import time`)));
    const f = r.files;
    out.push(`  files: ${f.added.length} added, ${f.changed.length} changed, ${f.removed.length} removed, ${f.unchanged} unchanged`);
    const sensitive = r.newImports.filter((i) => i.sensitive);
    out.push(`  new imports: ${r.newImports.length}${sensitive.length ? `, sensitive: ${sensitive.map((i) => (i.inBuild ? c.red(i.path) : `${i.path} (tests only)`)).join(', ')}` : ', none sensitive'}`);
    out.push(`  new init() functions: ${r.newInits.length}${r.newInits.length ? ` (${r.newInits.map((u) => `${u.file}:${u.line}`).join(', ')})` : ''}`);
    out.push(`  new package-level initializers with calls: ${r.newInitializers.length}${r.newInitializers.length ? ` (${r.newInitializers.map((u) => `${u.file}:${u.line}`).join(', ')})` : ''}`);
    out.push(`  new static findings: ${r.newFindings.length}${countBySeverity(r.newFindings)}`);
    if (!samePath)
        out.push(c.yellow(`  note: the two sides are different modules (${report.old.path} vs ${report.new.path})`));
    if (r.parseErrors.length)
        out.push(c.yellow(`  note: ${plural(r.parseErrors.length, 'parse error')} (first: ${r.parseErrors[0].version} ${r.parseErrors[0].file}:${r.parseErrors[0].line})`));
    for (const flag of r.flags)
        out.push(`  ${severityLabel(c, flag.severity)} ${flag.ruleId} ${flag.file}:${flag.line}: ${flag.message}`);
    if (r.newFindings.length) {
        out.push('', c.bold('New static findings'));
        for (const x of r.newFindings) {
            out.push(`  ${severityLabel(c, x.severity)} ${x.ruleId} ${x.file}:${x.line}${x.context ? ` [${x.context}]` : ''} ${x.message}`);
            if (x.snippet)
                out.push(c.dim(indent(x.snippet.split('\n').slice(0, 4).join('\n'), '      ')));
        }
    }
    if (r.newImports.length || r.removedImports.length) {
        out.push('', c.bold('Imports'));
        for (const i of r.newImports) {
            const notes = [i.sensitive ? 'sensitive' : '', i.inBuild ? '' : 'tests only'].filter(Boolean);
            out.push(`  + ${i.sensitive ? c.red(i.path) : i.path}${notes.length ? ` (${notes.join(', ')})` : ''}  ${c.dim(i.files.join(', '))}`);
        }
        for (const p of r.removedImports)
            out.push(`  - ${p}`);
    }
    if (r.newInits.length || r.newInitializers.length) {
        out.push('', c.bold('New import-time code'));
        for (const u of [...r.newInits, ...r.newInitializers]) {
            out.push(`  ${unitLine(c, u)}`);
            out.push(c.dim(indent(u.snippet, '      ')));
        }
    }
    if (f.added.length || f.changed.length || f.removed.length) {
        out.push('', c.bold('Files'));
        for (const a of f.added)
            out.push(`  added    ${a}`);
        for (const ch of f.changed)
            out.push(`  changed  ${ch.file}${ch.patch === undefined ? ` (binary or large: ${ch.oldSize} -> ${ch.newSize} bytes)` : ''}`);
        for (const rm of f.removed)
            out.push(`  removed  ${rm}`);
        // Where the flags and new findings are first, then other Go code, then everything else.
        const rank = (file) => r.flags.some((x) => x.file === file) ? 0 : r.newFindings.some((x) => x.file === file) ? 1 : file.endsWith('.go') ? 2 : file === 'go.mod' ? 3 : 4;
        const patches = [...f.changed.flatMap((ch) => (ch.patch === undefined ? [] : [{ file: ch.file, patch: ch.patch }])), ...r.addedPatches]
            .map((p, i) => ({ ...p, order: rank(p.file) * 1e6 + i }))
            .sort((a, b) => a.order - b.order)
            .map((p) => p.patch);
        if (patches.length) {
            out.push('', c.bold('Diffs'));
            for (const p of patches)
                out.push(colorPatch(c, trimPatchBanner(p)));
        }
    }
    return out.join('\n') + '\n';
}
//# sourceMappingURL=diff-text.js.map