// Exit codes are part of the CLI contract (README): CI systems branch on them.
export const EXIT = { clean: 0, flagged: 1, usage: 2, internal: 3 };
/** Bad usage or unreadable input: the message is shown as one line, exit code 2. */
export class UsageError extends Error {
    name = 'UsageError';
}
/** The environment cannot do what was asked (no Docker engine, ...): one line, exit code 3. */
export class EnvironmentError extends Error {
    name = 'EnvironmentError';
}
//# sourceMappingURL=errors.js.map