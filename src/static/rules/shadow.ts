// Whether a name used at some node is declared locally (parameter, `:=`, var/const, range, type switch)
// in a scope that encloses the use — then `exec.Command` there is not the os/exec import.
import type { SyntaxNode } from '../parse.js';
import { ancestorsOf, topLevelAncestor } from '../ancestors.js';

function identifiersIn(list: SyntaxNode | null): string[] {
  if (!list) return [];
  if (list.type === 'identifier') return [list.text];
  return list.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
}

/** Names a statement or clause declares for the code after it. */
function declaredBy(node: SyntaxNode): string[] {
  switch (node.type) {
    case 'short_var_declaration':
      return identifiersIn(node.childForFieldName('left'));
    case 'var_declaration':
    case 'const_declaration':
      return node
        .descendantsOfType(['var_spec', 'const_spec'])
        .flatMap((spec) => spec.childrenForFieldName('name').map((n) => n.text));
    case 'parameter_list':
      return node.namedChildren.flatMap((p) => p.childrenForFieldName('name').map((n) => n.text));
    case 'for_clause':
      return node.childForFieldName('initializer') ? declaredBy(node.childForFieldName('initializer')!) : [];
    case 'range_clause':
      return node.children.some((c) => c.type === ':=') ? identifiersIn(node.childForFieldName('left')) : [];
    case 'receive_statement':
      return node.children.some((c) => c.type === ':=') ? identifiersIn(node.childForFieldName('left')) : [];
    default:
      return [];
  }
}

// Several rules ask about the same operand (`exec` of exec.Command); the answer costs O(depth).
const answers = new WeakMap<object, Map<string, boolean>>();

export function isLocallyDeclared(use: SyntaxNode, name: string): boolean {
  let perTree = answers.get(use.tree);
  if (!perTree) {
    perTree = new Map();
    answers.set(use.tree, perTree);
  }
  const key = `${use.id}:${name}`;
  let answer = perTree.get(key);
  if (answer === undefined) {
    answer = mayDeclare(use, name) && computeLocallyDeclared(use, name);
    perTree.set(key, answer);
  }
  return answer;
}

const unitTexts = new WeakMap<object, Map<number, string>>();

/**
 * Whether the top-level declaration around `use` mentions `name` anywhere but as the operand of a
 * selector (`exec.Command`). Every local declaration (`x :=`, `var x`, a parameter, a range variable)
 * names it otherwise, so when this is false the scope walk below is not needed: it was most of the
 * rule engine's time on large functions.
 */
function mayDeclare(use: SyntaxNode, name: string): boolean {
  const unit = topLevelAncestor(use);
  if (!unit) return true;
  let perTree = unitTexts.get(use.tree);
  if (!perTree) {
    perTree = new Map();
    unitTexts.set(use.tree, perTree);
  }
  let text = perTree.get(unit.startIndex);
  if (text === undefined) {
    text = unit.text;
    perTree.set(unit.startIndex, text);
  }
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (i > 0 && /[\p{L}\p{Nd}_]/u.test(text[i - 1]!)) continue;
    let j = i + name.length;
    if (j < text.length && /[\p{L}\p{Nd}_]/u.test(text[j]!)) continue;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (text[j] !== '.') return true;
  }
  return false;
}

function computeLocallyDeclared(use: SyntaxNode, name: string): boolean {
  // Innermost scope first; the chain is computed once (see ancestors.ts for why not `parent`).
  const chain = ancestorsOf(use);
  let child: SyntaxNode = use;
  for (let i = chain.length - 1; i >= 0; i--) {
    const scope = chain[i]!;
    if (scope.type === 'source_file') break;
    for (const sibling of scope.namedChildren) {
      if (sibling.startIndex === child.startIndex && sibling.endIndex === child.endIndex) continue;
      const precedes = sibling.endIndex <= use.startIndex || sibling.type === 'parameter_list';
      if (precedes && declaredBy(sibling).includes(name)) return true;
    }
    if (scope.type === 'type_switch_statement' && scope.childForFieldName('alias')?.text === name) return true;
    child = scope;
  }
  return false;
}
