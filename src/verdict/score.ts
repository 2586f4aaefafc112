// Turns evidence into a verdict. The model (documented in docs/VERDICT.md):
// every piece of evidence becomes a Reason with a weight and a grade; the level is
// `malicious` if any malicious-grade reason exists or the score reaches the malicious
// threshold, `suspicious` if the score reaches the suspicious threshold, else `clean`.
import type { AnalysisResult, Finding, Phase, Reason, Verdict, VerdictLevel } from '../result/schema.js';
import { runsAtImport } from '../result/schema.js';
import { dynamicReasons } from './dynamic-evidence.js';
import { fileRole, packageDirOf } from '../static/file-role.js';
import { push } from '../static/strings/scope.js';

export interface VerdictThresholds {
  suspicious: number;
  malicious: number;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = { suspicious: 10, malicious: 100 };

const SEVERITY_WEIGHT: Record<Finding['severity'], number> = { info: 0, low: 3, medium: 10, high: 40, critical: 100 };


/** A finding's reason. Import-time context raises high findings to malicious grade: code that runs on import
 * with no caller's consent is the attack, the same call in an ordinary function is a capability. */
export function findingReason(f: Finding, source: Reason['source']): Reason {
  let weight = SEVERITY_WEIGHT[f.severity];
  let grade: Reason['grade'] = f.severity === 'critical' ? 'malicious' : weight > 0 ? 'suspicious' : 'info';
  // Not in a file that builds only for other platforms than linux, darwin and windows: an init that
  // only Android or Plan 9 builds never runs on a developer's or a CI machine (build-constraints.ts).
  // Nor under a constant that a default build makes false (`if PerfMapEnabled {`, const-guards.ts).
  if (f.severity === 'high' && runsAtImport(f) && !f.platformConstraint && !f.disabledBy && !f.notInDefaultBuilds && !f.envGate) {
    weight = 100;
    grade = 'malicious';
  }
  // Code no default build compiles (a build tag, or a package only such files import) runs only for
  // whoever asks for it by name: at most suspicious, weighed as high.
  // So does code behind an init's env gate (a re-exec helper): only a process started with it set runs it.
  if ((f.notInDefaultBuilds || f.disabledBy || f.envGate) && f.severity === 'critical' && runsAtImport(f)) {
    weight = SEVERITY_WEIGHT.high;
    grade = 'suspicious';
  }
  // Tests, testdata, `_`/`.` directories, `//go:build ignore` files and internal packages only tests
  // import never build into a dependent: what they do cannot reach a user of the module, so they weigh
  // a tenth and are never more than suspicious on their own.
  if (source === 'static' && neverBuilt(f)) {
    weight = weight / 10;
    if (grade === 'malicious') grade = 'suspicious';
  }
  const where = `${f.file}:${f.line}`;
  return {
    source,
    category: f.category,
    weight,
    grade,
    message: f.message,
    evidence: source === 'module' ? f.ruleId : `${f.ruleId} at ${where}${f.context ? ` (${f.context}${f.importTimeCaller ? ` via ${f.importTimeCaller.file}:${f.importTimeCaller.line}` : ''})` : ''}${f.notBuilt ? ' (never built into a dependent)' : ''}${f.platformConstraint ? ` (builds only for other platforms: ${f.platformConstraint})` : ''}${f.disabledBy ? ` (dropped by the compiler in a default build: ${f.disabledBy})` : ''}${f.notInDefaultBuilds ? ' (no default build compiles it: needs a build tag, or only such files import its package)' : ''}${f.envGate ? ` (runs only when the process has an environment variable set: ${f.envGate})` : ''}`,
  };
}

/** Tests, testdata, `_`/`.` directories, `//go:build ignore` files, internal packages only tests import. */
function neverBuilt(f: Finding): boolean {
  return f.notBuilt === true || (fileRole(f.file) !== 'source' && fileRole(f.file) !== 'vendor');
}

/** `concentrated`: the score of the module's most suspicious package with the evidence no package holds (computeVerdict). */
export function levelFor(score: number, reasons: Reason[], t: VerdictThresholds, concentrated = score): VerdictLevel {
  if (reasons.some((r) => r.grade === 'malicious') || concentrated >= t.malicious) return 'malicious';
  // Suspicious only by score: a lone low-severity capability (a CLI running git) must not flag a module.
  if (score >= t.suspicious) return 'suspicious';
  return 'clean';
}

/** Marks static reasons whose recovered strings the dynamic run actually executed or contacted. */
function markConfirmed(findings: Finding[], reasons: Reason[], phases: Phase[]): void {
  const seen: string[] = [];
  for (const p of phases) {
    for (const proc of p.processes) seen.push(proc.argv.join(' '));
    for (const c of p.network.connections) seen.push(`${c.dst.ip}:${c.dst.port}`, c.host ?? '', c.http?.host ?? '');
    for (const d of p.network.dns) seen.push(d.name);
  }
  const haystack = seen.filter(Boolean);
  findings.forEach((f, i) => {
    const reason = reasons[i];
    if (!reason) return;
    const hit = f.recoveredStrings.some((s) => {
      const needle = s.trim();
      return needle.length >= 3 && haystack.some((h) => h.includes(needle) || (h.length >= 6 && needle.includes(h)));
    });
    if (hit) reason.confirmed = true;
  });
}

export function computeVerdict(
  result: Pick<AnalysisResult, 'static' | 'dynamic' | 'moduleFindings'>,
  thresholds: VerdictThresholds = DEFAULT_THRESHOLDS,
): Verdict {
  const staticReasons = result.static.findings.map((f) => findingReason(f, 'static'));
  if (result.dynamic) markConfirmed(result.static.findings, staticReasons, result.dynamic.phases);
  // Low findings are weak capabilities (a debugger probe, a mountinfo read, a linkname): several in one
  // package make a shape worth a look, scattered over the packages of a big module they are unrelated.
  // So they are scored per package, and only the package whose low findings weigh most counts.
  // Code that never builds into a dependent (tests, testdata: x/tools keeps analyzer inputs that dial
  // at package level there) can tip a module with other evidence over a threshold, but all of it
  // together never reaches the suspicious threshold on its own.
  const lowByPackage = new Map<string, Reason[]>();
  const unbuilt: Reason[] = [];
  const counted: Reason[] = [...result.moduleFindings.map((f) => findingReason(f, 'module'))];
  // The static reasons counted in full, per package: see concentrated below.
  const byPackage = new Map<string, Reason[]>();
  result.static.findings.forEach((f, i) => {
    const r = staticReasons[i]!;
    if (neverBuilt(f)) return unbuilt.push(r);
    if (f.severity !== 'low' || r.grade === 'malicious') {
      push(byPackage, packageDirOf(f.file), r);
      return counted.push(r);
    }
    push(lowByPackage, packageDirOf(f.file), r);
  });
  const dynamic = result.dynamic ? dynamicReasons(result.dynamic.phases) : [];
  const elsewhere: Reason[] = [...counted.filter((r) => r.source !== 'static'), ...dynamic];
  counted.push(...dynamic);
  const scored = (list: Reason[]) => scoreOf(list.filter((r) => r.weight > 0 || r.grade !== 'info'));
  const unbuiltScore = Math.min(scored(unbuilt), thresholds.suspicious / 2);
  let score = scored(counted) + Math.max(0, ...[...lowByPackage.values()].map(scored)) + unbuiltScore;
  // Suspicious capabilities make a module malicious by their sum only when one package holds them
  // (with the module's and the run's own evidence): a backdoor sits in the package it hides in, while
  // a monorepo's hundreds of packages each do one ordinary suspicious thing (tailscale: a systemd unit
  // path in its packager, authorized_keys in its e2e tests, a CI check, ...; 112 over 40 packages).
  const dirs = new Set([...byPackage.keys(), ...lowByPackage.keys()]);
  const concentrated =
    scored(elsewhere) + Math.max(0, ...[...dirs].map((d) => scored([...(byPackage.get(d) ?? []), ...(lowByPackage.get(d) ?? [])]))) + unbuiltScore;
  const reasons: Reason[] = [...counted, ...[...lowByPackage.values()].flat(), ...unbuilt].filter((r) => r.weight > 0 || r.grade !== 'info');
  reasons.sort((a, b) => b.weight - a.weight || Number(b.confirmed ?? false) - Number(a.confirmed ?? false));
  score = Math.round(score * 10) / 10;
  return { level: levelFor(score, reasons, thresholds, concentrated), score, reasons };
}

/**
 * Repeated hits of one rule should not drown the rest: each (source, evidence-rule) counts at full
 * weight once and later repeats at a tenth, all repeats together at most that weight once more (a big
 * library's twenty ICMP calls are one capability, not a second and a third). Heaviest first, so the
 * one counted in full is not a test file's tenth.
 */
function scoreOf(reasons: Reason[]): number {
  const firstWeight = new Map<string, number>();
  const repeats = new Map<string, number>();
  let score = 0;
  for (const r of [...reasons].sort((a, b) => b.weight - a.weight)) {
    const key = `${r.source}:${r.evidence.split(' ')[0]}`;
    const first = firstWeight.get(key);
    if (first === undefined) {
      firstWeight.set(key, r.weight);
      score += r.weight;
      continue;
    }
    const added = Math.min(r.weight / 10, Math.max(0, first - (repeats.get(key) ?? 0)));
    repeats.set(key, (repeats.get(key) ?? 0) + added);
    score += added;
  }
  return score;
}
