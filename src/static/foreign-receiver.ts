// Whether a local name holds a value of another package's type, read from its declarations in the
// function: `cmd := exec.Command(...)`, `var b bytes.Buffer`, `c := &http.Client{}`, a parameter
// `r *http.Request`. `cmd.Start()` then runs os/exec's Start, not the package's own `Env.Start`
// (tailscale's vmtest init re-execs a wrapper through cmd.Start: following it by name made the whole
// VM test harness, web server included, look like it ran on import).
import type { SyntaxNode } from './parse.js';
import { topLevelAncestor } from './ancestors.js';
import { exprList } from './strings/interp.js';

const BINDING_KINDS = ['short_var_declaration', 'assignment_statement', 'var_spec', 'parameter_declaration', 'variadic_parameter_declaration', 'range_clause'];

const cache = new WeakMap<object, Map<string, boolean>>();

/** `pkg.T`, `*pkg.T`, `pkg.T[X]`: a type another package declares. */
function isForeignType(type: SyntaxNode | null, imports: ReadonlyMap<string, string>): boolean {
  if (!type) return false;
  if (type.type === 'pointer_type') return isForeignType(type.namedChildren[0] ?? null, imports);
  if (type.type === 'generic_type') return isForeignType(type.childForFieldName('type'), imports);
  if (type.type === 'qualified_type') return imports.has(type.childForFieldName('package')?.text ?? '');
  return false;
}

/** `pkg.F(...)`, `pkg.F[T](...)`, `pkg.T{...}`, `&pkg.T{...}`: a value another package makes. */
function isForeignValue(value: SyntaxNode, imports: ReadonlyMap<string, string>): boolean {
  switch (value.type) {
    case 'unary_expression':
      return /^&/.test(value.text) && value.namedChildren[0] !== undefined && isForeignValue(value.namedChildren[0], imports);
    case 'composite_literal':
      return isForeignType(value.childForFieldName('type'), imports);
    case 'call_expression': {
      let fn = value.childForFieldName('function');
      if (fn?.type === 'generic_type' || fn?.type === 'index_expression') fn = fn.namedChildren[0] ?? null;
      if (fn?.type !== 'selector_expression') return false;
      const operand = fn.childForFieldName('operand');
      return operand?.type === 'identifier' && imports.has(operand.text);
    }
    default:
      return false;
  }
}

/** Names a binding node gives values to, each with its value (or type, for a parameter or `var x T`). */
function bindingsOf(node: SyntaxNode, name: string, imports: ReadonlyMap<string, string>): boolean[] {
  const out: boolean[] = [];
  switch (node.type) {
    case 'short_var_declaration':
    case 'assignment_statement': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) break;
      const names = exprList(left);
      const values = exprList(right);
      names.forEach((l, i) => {
        if (l.type !== 'identifier' || l.text !== name) return;
        const value = names.length === values.length ? values[i] : values.length === 1 ? values[0] : undefined;
        out.push(value !== undefined && isForeignValue(value, imports));
      });
      break;
    }
    case 'var_spec': {
      const names = node.childrenForFieldName('name');
      const index = names.findIndex((n) => n.text === name);
      if (index < 0) break;
      const value = node.childForFieldName('value');
      if (value) {
        const values = exprList(value);
        const v = values.length === names.length ? values[index] : values.length === 1 ? values[0] : undefined;
        out.push(v !== undefined && isForeignValue(v, imports));
      } else {
        out.push(isForeignType(node.childForFieldName('type'), imports));
      }
      break;
    }
    case 'parameter_declaration':
    case 'variadic_parameter_declaration':
      if (node.namedChildren.some((c) => c.type === 'identifier' && c.text === name)) out.push(node.type === 'parameter_declaration' && isForeignType(node.childForFieldName('type'), imports));
      break;
    case 'range_clause': {
      const left = node.childForFieldName('left');
      if (left && exprList(left).some((l) => l.text === name)) out.push(false);
      break;
    }
  }
  return out;
}

/**
 * Whether every declaration and assignment of the local `name` in the top-level declaration around
 * `use` gives it another package's value or type (at least one does). A name bound anywhere to
 * something else (`cmd = s.makeCmd()`, a range variable) is not.
 */
export function localIsForeign(use: SyntaxNode, name: string, imports: ReadonlyMap<string, string>): boolean {
  const unit = topLevelAncestor(use);
  if (!unit) return false;
  let perTree = cache.get(use.tree);
  if (!perTree) cache.set(use.tree, (perTree = new Map()));
  const key = `${unit.id}:${name}`;
  let answer = perTree.get(key);
  if (answer === undefined) {
    const found: boolean[] = [];
    for (const node of unit.descendantsOfType(BINDING_KINDS)) found.push(...bindingsOf(node, name, imports));
    answer = found.length > 0 && found.every(Boolean);
    perTree.set(key, answer);
  }
  return answer;
}
