// Text report of `gosnare drift`: verdict line, both h1 hashes, the differing files, then the
// unified diff of each (proxy copy -> git tag).
import pc from 'picocolors';
import { colorPatch, severityLabel, trimPatchBanner } from './diff-text.js';
export function renderDriftText(out, color) {
    const c = pc.createColors(color);
    const r = out.report;
    const lines = [];
    lines.push(c.bold(`gosnare drift ${out.module.path}@${out.module.version} against git tag ${r.tag} (commit ${r.commit.slice(0, 12)}) of ${out.vcs}${out.subdir ? ` [${out.subdir}]` : ''}`));
    lines.push(r.drifted
        ? c.bold(c.red('DRIFTED: the code at the git tag is not the code the proxy serves'))
        : c.bold(c.green('IDENTICAL: the git tag matches the proxy copy')));
    const same = r.proxyH1 === r.gitH1 ? c.green('same') : c.red('different');
    lines.push(`  h1 ${same}`);
    lines.push(`    proxy: ${r.proxyH1}`);
    lines.push(`    git:   ${r.gitH1}`);
    const d = r.diff;
    if (d.changed.length)
        lines.push(`  changed: ${d.changed.map((x) => x.file).join(', ')}`);
    if (d.removed.length)
        lines.push(`  only on the proxy: ${d.removed.join(', ')}`);
    if (d.added.length)
        lines.push(`  only in git: ${d.added.join(', ')}`);
    lines.push(`  ${d.unchanged} identical file${d.unchanged === 1 ? '' : 's'}`);
    if (r.skipped.length)
        lines.push(c.dim(`  left out of the git tree by the module zip rules: ${r.skipped.length} (${r.skipped.slice(0, 3).map((s) => `${s.file}: ${s.reason}`).join('; ')}${r.skipped.length > 3 ? '; …' : ''})`));
    for (const f of out.findings)
        lines.push(`  ${severityLabel(c, f.severity)} ${f.ruleId}: ${f.message}`);
    const patches = [...d.changed.flatMap((x) => (x.patch === undefined ? [] : [x.patch])), ...out.oneSidedPatches.map((p) => p.patch)];
    const binary = d.changed.filter((x) => x.patch === undefined);
    if (patches.length || binary.length) {
        lines.push('', c.bold('Diffs (proxy copy -> git tag)'));
        for (const b of binary)
            lines.push(`  ${b.file}: binary or large (${b.oldSize} -> ${b.newSize} bytes)`);
        for (const p of patches)
            lines.push(colorPatch(c, trimPatchBanner(p)));
    }
    return lines.join('\n') + '\n';
}
//# sourceMappingURL=drift-text.js.map