import { Option } from 'commander';
import { listRules, checkRules, testRules } from '../static/rules/commands.js';
function printErrors(errors) {
    for (const e of errors)
        process.stderr.write(`${e.file}:${e.line}: ${e.message}\n`);
}
export function registerRules(program) {
    const rules = program.command('rules').description('List, validate and test detection rules');
    rules
        .command('list')
        .argument('[paths...]', 'rule files or directories (default: the bundled pack)')
        .addOption(new Option('--format <format>').choices(['text', 'json']).default('text'))
        .action((paths, flags) => {
        const listing = listRules(paths.length ? paths : undefined);
        if (flags.format === 'json')
            process.stdout.write(JSON.stringify(listing, null, 2) + '\n');
        else {
            for (const r of listing.rules)
                process.stdout.write(`${r.id.padEnd(40)} ${r.severity.padEnd(8)} ${r.category.padEnd(18)} ${r.message}\n`);
            process.stdout.write(`${listing.rules.length} rules (pack ${listing.hash.slice(0, 12)})\n`);
        }
        printErrors(listing.errors);
        if (listing.errors.length)
            process.exitCode = 2;
    });
    rules
        .command('check')
        .description('validate rules: YAML, fields, queries, regexes')
        .argument('[paths...]', 'rule files or directories (default: the bundled pack)')
        .action((paths) => {
        const check = checkRules(paths.length ? paths : undefined);
        printErrors(check.errors);
        process.stdout.write(`${check.ruleCount} rules loaded, ${check.errors.length} errors\n`);
        if (check.errors.length)
            process.exitCode = 2;
    });
    rules
        .command('test')
        .description("run every rule's inline match / no-match tests")
        .argument('[paths...]', 'rule files or directories (default: the bundled pack)')
        .action((paths) => {
        const report = testRules(paths.length ? paths : undefined);
        printErrors(report.errors);
        let passed = 0;
        let failed = 0;
        for (const r of report.results) {
            if (r.passed)
                passed++;
            else {
                failed++;
                process.stdout.write(`FAIL ${r.ruleId} (${r.file}:${r.line})\n`);
                for (const f of r.failures)
                    process.stdout.write(`  ${f}\n`);
            }
        }
        process.stdout.write(`${passed} passed, ${failed} failed\n`);
        if (failed > 0 || report.errors.length > 0 || passed === 0)
            process.exitCode = 1;
    });
}
//# sourceMappingURL=rules-command.js.map