// One tree-sitter parser per thread; Go source in, tree + per-file facts out.
import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';
import { resolveImports } from './imports.js';
export { Parser };
export const GoLanguage = Go;
let parser;
function getParser() {
    if (!parser) {
        parser = new Parser();
        parser.setLanguage(GoLanguage);
    }
    return parser;
}
export function parseGo(source) {
    // The binding's default 32 KiB buffer makes large files fail to parse; size it to the input.
    const bufferSize = Math.max(64 * 1024, Buffer.byteLength(source, 'utf8') * 2 + 1024);
    return getParser().parse(source, undefined, { bufferSize });
}
export function parseFile(path, source) {
    const tree = parseGo(source);
    const root = tree.rootNode;
    let packageName = '';
    for (const child of root.namedChildren) {
        if (child.type === 'package_clause') {
            packageName = child.namedChildren[0]?.text ?? '';
            break;
        }
    }
    return { path, source, tree, packageName, imports: resolveImports(root), hasErrors: root.hasError };
}
//# sourceMappingURL=parse.js.map