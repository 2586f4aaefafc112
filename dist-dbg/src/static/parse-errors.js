/** Visits only subtrees that contain errors, so clean files cost one property read. */
export function findParseErrors(root, limit = 20) {
    const out = [];
    if (!root.hasError)
        return out;
    const stack = [root];
    while (stack.length && out.length < limit) {
        const node = stack.pop();
        if (node.type === 'ERROR') {
            const text = node.text.split('\n')[0].slice(0, 40);
            out.push({ line: node.startPosition.row + 1, message: `syntax error near ${JSON.stringify(text)}` });
            continue;
        }
        if (node.isMissing) {
            out.push({ line: node.startPosition.row + 1, message: `missing ${node.type}` });
            continue;
        }
        const kids = node.children;
        for (let i = kids.length - 1; i >= 0; i--) {
            const kid = kids[i];
            if (kid.hasError || kid.isMissing)
                stack.push(kid);
        }
    }
    return out.sort((a, b) => a.line - b.line);
}
//# sourceMappingURL=parse-errors.js.map