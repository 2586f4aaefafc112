// HTML escaping for text and attribute values. Every string from a result goes through this: module
// code, argv, host names and HTTP headers are attacker-controlled.
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(s) {
    if (s === undefined)
        return '';
    return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
/** Keeps only characters that are safe in a class name or id fragment. */
export function token(s) {
    return s.replace(/[^A-Za-z0-9_-]/g, '_');
}
//# sourceMappingURL=escape.js.map