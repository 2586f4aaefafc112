import { SCHEMA_VERSION } from '../result/schema.js';
import { scanModule } from '../static/scan.js';
import { resolveTarget } from '../target/resolve.js';
import { computeVerdict, DEFAULT_THRESHOLDS } from '../verdict/score.js';
import { VERSION } from '../cli/version.js';
export async function analyzeTarget(target, opts) {
    const startedAt = new Date().toISOString();
    const progress = opts.onProgress ?? (() => { });
    progress(`resolving ${target}`);
    const resolved = await resolveTarget(target, opts.resolve ?? {});
    try {
        progress(`static scan of ${resolved.info.path}`);
        const staticResult = await scanModule(resolved.dir, { rules: opts.rules, workers: opts.workers });
        let dynamic;
        if (!opts.staticOnly) {
            if (!opts.runDynamic)
                throw new Error('dynamic analysis requested but no runner was given');
            progress(`dynamic analysis of ${resolved.info.path}`);
            dynamic = await opts.runDynamic({ dir: resolved.dir, path: resolved.info.path }, { timeoutMs: opts.timeoutMs, onProgress: progress });
        }
        const partial = { static: staticResult, dynamic, moduleFindings: resolved.findings };
        const result = {
            schemaVersion: SCHEMA_VERSION,
            tool: { name: 'gosnare', version: VERSION, rulePackHash: opts.rules.hash },
            target,
            startedAt,
            module: resolved.info,
            static: staticResult,
            ...(dynamic ? { dynamic } : {}),
            moduleFindings: resolved.findings,
            verdict: computeVerdict(partial, opts.thresholds ?? DEFAULT_THRESHOLDS),
        };
        return result;
    }
    finally {
        await resolved.cleanup();
    }
}
//# sourceMappingURL=analyze.js.map