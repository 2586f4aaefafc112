export function formatRuleErrors(errors) {
    return errors.map((e) => `${e.file}:${e.line}: ${e.ruleId ? `[${e.ruleId}] ` : ''}${e.message}`).join('\n');
}
export function formatRuleList(listing) {
    const lines = listing.rules.map((r) => `${r.id.padEnd(44)} ${r.severity.padEnd(8)} ${r.category.padEnd(17)} ${r.context.length ? `[${r.context.join(',')}] ` : ''}${r.message}`);
    lines.push(`${listing.rules.length} rules (pack ${listing.hash.slice(0, 12)})`);
    if (listing.errors.length)
        lines.push(`${listing.errors.length} error(s):`, formatRuleErrors(listing.errors));
    return lines.join('\n');
}
export function formatRuleCheck(check) {
    if (!check.errors.length)
        return `${check.ruleCount} rules OK (pack ${check.hash.slice(0, 12)})`;
    return `${formatRuleErrors(check.errors)}\n${check.errors.length} error(s); ${check.ruleCount} rules loaded`;
}
export function formatRuleTestReport(report) {
    const lines = [];
    for (const r of report.results) {
        if (r.passed)
            continue;
        lines.push(`FAIL ${r.ruleId} (${r.file}:${r.line})`);
        for (const f of r.failures)
            lines.push(`  - ${f}`);
    }
    if (report.errors.length)
        lines.push(formatRuleErrors(report.errors));
    const passed = report.results.filter((r) => r.passed).length;
    const failed = report.results.length - passed + report.errors.length;
    // The plain closing line test-result readers understand.
    lines.push(`${report.testsRun} tests in ${report.results.length} rules`, `rules: ${passed} passed, ${failed} failed`);
    if (report.testsRun === 0)
        lines.push('no tests ran');
    return lines.join('\n');
}
//# sourceMappingURL=format.js.map