export class TargetError extends Error {
    target;
    kind;
    constructor(target, kind, detail, options) {
        // One line, so the CLI can print it as is.
        super(`${target}: ${detail}`.replace(/\s*\n\s*/g, ' '), options);
        this.target = target;
        this.kind = kind;
        this.name = 'TargetError';
    }
}
//# sourceMappingURL=errors.js.map