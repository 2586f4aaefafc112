// Boundary between the sandbox runner (containers, images, sink) and the recording layer
// (strace parsing, sink-event merging, harness). Raw artifacts cross it, nothing Docker-specific.
export {};
//# sourceMappingURL=types.js.map