const SEMVER = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?)?)?$/;
function parse(v) {
    const m = SEMVER.exec(v);
    if (!m)
        return undefined;
    const prerelease = m[4] ? m[4].split('.') : [];
    // Numeric prerelease identifiers must not have leading zeros.
    if (prerelease.some((p) => /^0\d+$/.test(p)))
        return undefined;
    return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), prerelease };
}
export function isValidSemver(v) {
    return parse(v) !== undefined;
}
export function isPrerelease(v) {
    const p = parse(v);
    return p !== undefined && p.prerelease.length > 0;
}
/** True for the canonical full form a proxy serves (vX.Y.Z[-pre][+incompatible]). */
export function isCanonicalVersion(v) {
    return /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+incompatible)?$/.test(v) && isValidSemver(v);
}
function compareIdent(a, b) {
    const an = /^\d+$/.test(a);
    const bn = /^\d+$/.test(b);
    if (an && bn)
        return Number(a) - Number(b) === 0 ? 0 : Number(a) < Number(b) ? -1 : 1;
    if (an)
        return -1;
    if (bn)
        return 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Compare as Go's semver.Compare: invalid versions sort before all valid ones and equal each other. */
export function compareSemver(a, b) {
    const pa = parse(a);
    const pb = parse(b);
    if (!pa || !pb)
        return pa ? 1 : pb ? -1 : 0;
    for (const k of ['major', 'minor', 'patch']) {
        if (pa[k] !== pb[k])
            return pa[k] < pb[k] ? -1 : 1;
    }
    if (pa.prerelease.length === 0 || pb.prerelease.length === 0) {
        if (pa.prerelease.length === pb.prerelease.length)
            return 0;
        return pa.prerelease.length === 0 ? 1 : -1;
    }
    const n = Math.min(pa.prerelease.length, pb.prerelease.length);
    for (let i = 0; i < n; i++) {
        const c = compareIdent(pa.prerelease[i], pb.prerelease[i]);
        if (c !== 0)
            return c;
    }
    return pa.prerelease.length === pb.prerelease.length ? 0 : pa.prerelease.length < pb.prerelease.length ? -1 : 1;
}
/** The version `go get path@latest` picks from a proxy's list: highest release, else highest prerelease. */
export function pickLatest(versions) {
    const valid = versions.filter(isValidSemver);
    const releases = valid.filter((v) => !isPrerelease(v));
    const pool = releases.length > 0 ? releases : valid;
    let best;
    for (const v of pool)
        if (best === undefined || compareSemver(v, best) > 0)
            best = v;
    return best;
}
//# sourceMappingURL=semver.js.map