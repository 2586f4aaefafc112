// Docker tests run by default and always in CI; GOSNARE_SKIP_DOCKER=1 skips them on a developer's
// machine only (in CI that combination is a configuration error, not a skip).
export function dockerTestsSkipped() {
    if (process.env.GOSNARE_SKIP_DOCKER !== '1')
        return false;
    if (process.env.CI === 'true')
        throw new Error('GOSNARE_SKIP_DOCKER=1 is not allowed in CI: the Docker tests must run');
    return 'GOSNARE_SKIP_DOCKER=1';
}
//# sourceMappingURL=docker-gate.js.map