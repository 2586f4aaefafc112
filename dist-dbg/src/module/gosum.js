export function parseGoSum(text) {
    const out = [];
    text.split('\n').forEach((raw, i) => {
        const fields = raw.trim().split(/\s+/);
        if (fields.length !== 3)
            return;
        const [p, v, hash] = fields;
        const goMod = v.endsWith('/go.mod');
        out.push({ path: p, version: goMod ? v.slice(0, -'/go.mod'.length) : v, goMod, hash, line: i + 1, text: raw.trim() });
    });
    return out;
}
/** Findings for every go.sum line about info.path@info.version whose h1: differs from what we computed. */
export function checkGoSum(info, goSumText, goSumName = 'go.sum') {
    const findings = [];
    if (info.version === '')
        return findings;
    for (const l of parseGoSum(goSumText)) {
        if (l.path !== info.path || l.version !== info.version || !l.hash.startsWith('h1:'))
            continue;
        const computed = l.goMod ? info.h1Mod : info.h1;
        if (computed === undefined || computed === l.hash)
            continue;
        const what = l.goMod ? `${info.path} ${info.version}/go.mod` : `${info.path} ${info.version}`;
        findings.push({
            ruleId: 'module-h1-mismatch',
            severity: 'critical',
            category: 'supply-chain',
            message: `Checksum mismatch for ${what}: ${goSumName} records ${l.hash} but the ${info.source === 'proxy' ? 'downloaded' : 'analysed'} module hashes to ${computed}. The code is not what was verified before (moved tag, tampered proxy or local edit).`,
            file: goSumName,
            line: l.line,
            column: 1,
            snippet: l.text,
            recoveredStrings: [],
        });
    }
    return findings;
}
/** True when go.sum has at least one h1 line for info.path@info.version that matches what we computed. */
export function goSumConfirms(info, goSumText) {
    return parseGoSum(goSumText).some((l) => l.path === info.path && l.version === info.version && !l.goMod && info.h1 !== undefined && l.hash === info.h1);
}
//# sourceMappingURL=gosum.js.map