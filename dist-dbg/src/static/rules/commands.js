// What `gosnare rules list|check|test` do, as functions returning data (the CLI prints them).
import { parseFile } from '../parse.js';
import { loadRules } from './load.js';
import { runRulesOnPackage } from './match.js';
import { findParseErrors } from '../parse-errors.js';
export function listRules(paths) {
    const set = loadRules(paths);
    return {
        rules: set.rules.map((r) => ({
            id: r.id,
            severity: r.severity,
            category: r.category,
            message: r.message,
            context: r.context ? [...r.context] : [],
            file: r.file,
            line: r.line,
        })),
        errors: set.errors,
        hash: set.hash,
    };
}
/** Validates rules; bad rules come back as errors, never as exceptions. */
export function checkRules(paths) {
    const set = loadRules(paths);
    return { ruleCount: set.rules.length, errors: set.errors, hash: set.hash };
}
/** A snippet without a package clause gets `package p` put in front (docs/RULES.md). */
export function testSource(snippet) {
    return /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*package\s/.test(snippet) ? snippet : `package p\n${snippet}`;
}
function runSnippet(rule, snippet, name) {
    const file = parseFile(name, testSource(snippet));
    const errors = findParseErrors(file.tree.rootNode);
    const syntaxError = errors.length ? `line ${errors[0].line}: ${errors[0].message}` : null;
    const findings = runRulesOnPackage([file], [rule]).filter((f) => f.ruleId === rule.id);
    return { count: findings.length, syntaxError };
}
export function testRule(rule) {
    const failures = [];
    let ran = 0;
    rule.tests.match.forEach((snippet, i) => {
        ran++;
        const { count, syntaxError } = runSnippet(rule, snippet, `match_${i + 1}.go`);
        if (syntaxError)
            failures.push(`tests.match[${i}] has a syntax error (${syntaxError})`);
        if (count === 0)
            failures.push(`tests.match[${i}] produced no finding`);
    });
    rule.tests.noMatch.forEach((snippet, i) => {
        ran++;
        const { count, syntaxError } = runSnippet(rule, snippet, `no_match_${i + 1}.go`);
        if (syntaxError)
            failures.push(`tests.no-match[${i}] has a syntax error (${syntaxError})`);
        if (count > 0)
            failures.push(`tests.no-match[${i}] produced ${count} finding(s)`);
    });
    if (ran === 0)
        failures.push('no tests ran');
    return { ruleId: rule.id, file: rule.file, line: rule.line, passed: failures.length === 0, ran, failures };
}
/** Runs every rule's inline tests. Zero tests run, a failing test or a rule that did not load = not passed. */
export function testRules(paths) {
    const set = loadRules(paths);
    const results = set.rules.map(testRule);
    const testsRun = results.reduce((n, r) => n + r.ran, 0);
    return {
        results,
        errors: set.errors,
        testsRun,
        passed: testsRun > 0 && set.errors.length === 0 && results.every((r) => r.passed),
    };
}
//# sourceMappingURL=commands.js.map