// Standard library calls that run a function value handed to them, now or after a delay:
// `time.AfterFunc(d, run)`, `filepath.Walk(root, visit)`, `reflect.ValueOf(run).Call(nil)`,
// `sync.OnceFunc(run)()`. A function
// handed to another package is otherwise taken as stored for later (registries: `http.HandleFunc`,
// `sql.Register`), so without this an init that starts its payload through one of these reads as
// registering it.
import type { ParsedFile, SyntaxNode } from './parse.js';
import { isLocallyDeclared } from './rules/shadow.js';

/** Import path and function name of each runner, with the index of the argument it runs. */
const RUNNERS = new Map<string, number>([
  ['time.AfterFunc', 1],
  ['reflect.ValueOf', 0],
  ['sync.OnceFunc', 0],
  ['sync.OnceValue', 0],
  ['sync.OnceValues', 0],
  // Calls that run the function before they return (a walk, a sort, a mapping).
  ['path/filepath.Walk', 1],
  ['path/filepath.WalkDir', 1],
  ['io/fs.WalkDir', 2],
  ['strings.Map', 0],
  ['bytes.Map', 0],
  ['strings.FieldsFunc', 1],
  ['bytes.FieldsFunc', 1],
  ['sort.Slice', 1],
  ['sort.SliceStable', 1],
  ['sort.Search', 1],
  ['slices.SortFunc', 1],
  ['slices.SortStableFunc', 1],
  ['slices.IndexFunc', 1],
  ['slices.ContainsFunc', 1],
  ['slices.DeleteFunc', 1],
  ['context.AfterFunc', 1],
  // At a collection: soon enough after import for a payload, and a known way to hide one.
  ['runtime.SetFinalizer', 1],
]);

/** Whether `node` is the callee of a call (`node(...)`). */
function isCalled(node: SyntaxNode): boolean {
  const parent = node.parent;
  return parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === node.id;
}

/**
 * The argument of `call` that the call runs, when `call` is one of the runners: `time.AfterFunc`
 * always (after its delay); `reflect.ValueOf(f)` only when `.Call`/`.CallSlice` follows on the spot;
 * the `sync.Once*` wrappers only when what they return is called on the spot (stored, it runs when
 * someone calls it).
 */
export function runArgument(call: SyntaxNode, file: ParsedFile): SyntaxNode | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field');
  if (operand?.type !== 'identifier' || !field) return undefined;
  const path = file.imports.byName.get(operand.text);
  const index = path ? RUNNERS.get(`${path}.${field.text}`) : undefined;
  if (index === undefined || isLocallyDeclared(call, operand.text)) return undefined;
  if (path === 'reflect') {
    const sel = call.parent;
    const method = sel?.type === 'selector_expression' ? sel.childForFieldName('field')?.text : undefined;
    if ((method !== 'Call' && method !== 'CallSlice') || !isCalled(sel!)) return undefined;
  } else if (path === 'sync' && !isCalled(call)) {
    return undefined;
  }
  let arg = call.childForFieldName('arguments')?.namedChildren[index];
  while (arg?.type === 'parenthesized_expression' && arg.namedChildren[0]) arg = arg.namedChildren[0];
  return arg ?? undefined;
}

/**
 * Functions of other (not standard library) packages whose names say they run what they are handed:
 * `retry.Do(op)`, `backoff.Retry(op, b)`, `conc.Go(f)`, `lib.RunWithTimeout(f, d)`.
 */
const RUNNER_NAMES = /^(?:Do|Run|Retry|Try|Go|Invoke|Call|Exec|Execute)(?:[A-Z]\w*)?$/;

/** Whether a function's name says it runs what it is handed (RUNNER_NAMES). */
export function namedAsRunner(name: string): boolean {
  return RUNNER_NAMES.test(name);
}

const STD_RUNNER_NAMES = new Set([...RUNNERS.keys()].map((key) => key.slice(key.lastIndexOf('.') + 1)));

/** Whether `name` is the name of one of the standard library's runners (RUNNERS), whatever its package. */
export function stdRunnerName(name: string): boolean {
  return STD_RUNNER_NAMES.has(name);
}

/** Whether `node` (a function value: a name, `pkg.F`, a func literal) is what a runner call runs. */
export function runByCall(node: SyntaxNode, call: SyntaxNode, file: ParsedFile): boolean {
  if (runArgument(call, file)?.id === node.id) return true;
  const fn = call.childForFieldName('function');
  const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
  const path = operand?.type === 'identifier' ? file.imports.byName.get(operand.text) : undefined;
  return (
    !!path &&
    path.split('/')[0]!.includes('.') &&
    RUNNER_NAMES.test(fn!.childForFieldName('field')?.text ?? '') &&
    node.parent?.id === call.childForFieldName('arguments')?.id &&
    !isLocallyDeclared(call, operand!.text) &&
    // `cell.Module("x", cell.Invoke(register))`, `fx.New(fx.Invoke(f))`: a runner's result handed to
    // another call is an option being declared; the container runs it when it starts, not now.
    call.parent?.type !== 'argument_list'
  );
}
