// Typed events the strace parser produces. `pid` is always the process (thread group) id, `tid`
// the thread that made the call; `ts` is the raw strace time in seconds (see ParsedTrace.timeFormat).
export {};
//# sourceMappingURL=events.js.map