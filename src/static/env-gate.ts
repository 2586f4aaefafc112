// An init that does nothing unless the process was started with an environment variable the package
// itself names: `if os.Getenv("TS_VMTEST_QEMU_WRAPPER") == "" { return }`, or its whole body under
// `if os.Getenv(K) != "" {` (or any condition false when K reads as "", such as seaweedfs'
// `if v := os.Getenv(K); v == "1" || strings.EqualFold(v, "true") {`). That is a re-exec helper (the
// program runs itself again with K set to become a wrapper or a child, as moby's reexec and tailscale's
// vmtest do) or an opt-in: an importer never sets K, so what the init reaches does not run when the
// package is imported. A gate on a variable every machine or CI runner sets (HOME, PATH,
// GITHUB_ACTIONS) or a credential's (AWS_*, *_TOKEN) is not one: that is how a payload picks its victims.
import type { ParsedFile, SyntaxNode } from './parse.js';

/** Variables set on ordinary machines, shells and CI runners, and credential names: not a re-exec marker. */
const COMMON_VARIABLE =
  /^(?:HOME|PATH|USER|USERNAME|LOGNAME|SHELL|TERM|LANG|LANGUAGE|PWD|OLDPWD|TMPDIR|TEMP|TMP|HOSTNAME|HOST|DISPLAY|EDITOR|PAGER|MAIL|OS|CI|PROMPT|PS1|SHLVL|LC_\w*|XDG_\w*|SSH_\w*|GO\w*|CGO_\w*|APPDATA|LOCALAPPDATA|USERPROFILE|HOMEDRIVE|HOMEPATH|SYSTEMROOT|SYSTEMDRIVE|WINDIR|COMPUTERNAME|PROGRAMFILES\w*|PROCESSOR_\w*|NUMBER_OF_PROCESSORS|COMSPEC|PATHEXT|GITHUB_\w*|GITLAB_\w*|RUNNER_\w*|BUILD_\w*|JENKINS_\w*|TRAVIS\w*|CIRCLE\w*|BUILDKITE\w*|DRONE\w*|TEAMCITY_\w*|BITBUCKET_\w*|TF_BUILD|CODEBUILD_\w*|AWS_\w*|AZURE_\w*|GOOGLE_\w*|GCP_\w*|KUBERNETES_\w*|DOCKER_\w*|CONTAINER\w*|WSL\w*|TERM_\w*|COLORTERM|VSCODE_\w*|JAVA_HOME|NODE_\w*|NPM_\w*|PYTHON\w*|VIRTUAL_ENV|CONDA_\w*|http_proxy|https_proxy|no_proxy|HTTPS?_PROXY|NO_PROXY|ALL_PROXY)$/i;
const SECRET_VARIABLE = /TOKEN|SECRET|PASSW|KEY|CRED|AUTH|SESSION|COOKIE/i;

/** `os.Getenv("K") == ""`, `os.Getenv(K) != "1"`, `"" == os.Getenv("K")` on the init's own gate. */
const GETENV = (os: string) => new RegExp(`^${os}\\.Getenv\\(\\s*(?:"([A-Za-z_][A-Za-z0-9_]*)"|([A-Za-z_][A-Za-z0-9_]*))\\s*\\)$`);

/** `name := os.Getenv(...)` as a whole statement (any local name of package os is checked by GETENV). */
const LOCAL_READ = /^([A-Za-z_][A-Za-z0-9_]*)\s*:=\s*([A-Za-z_][A-Za-z0-9_]*\.Getenv\([^()]*\))$/;

export interface EnvGate {
  /** The gate, as text: `if os.Getenv("K") == "" { return }`. */
  text: string;
  /** Code after this offset (return form) or inside [start, end) (wrap form) is behind the gate. */
  start: number;
  end: number;
}

function constantValue(name: string, files: readonly ParsedFile[]): string | undefined {
  const re = new RegExp(`(?<![\\w.])${name}\\s*(?:string\\s*)?=\\s*"([A-Za-z_][A-Za-z0-9_]*)"`);
  for (const f of files) {
    const m = re.exec(f.source);
    if (m) return m[1];
  }
  return undefined;
}

interface ReadContext {
  file: ParsedFile;
  files: readonly ParsedFile[];
  local?: { name: string; value: string };
  /** The variables the condition reads; a gate reads exactly one. */
  names: Set<string>;
  /** A test other than equality to a non-empty literal (`!= ""`, len, a prefix): it holds for a credential too. */
  loose?: boolean;
}

const EMPTY_LITERAL = /^(?:""|``)$/;

/** Whether a node reads the variable (`os.Getenv(K)` itself, or the local it was read into); records K. */
function readOf(n: SyntaxNode, ctx: ReadContext): boolean {
  const text = n.type === 'identifier' && ctx.local && n.text === ctx.local.name ? ctx.local.value : n.type === 'call_expression' ? n.text : undefined;
  if (text === undefined) return false;
  for (const [os, path] of ctx.file.imports.byName) {
    if (path !== 'os') continue;
    const m = GETENV(os).exec(text);
    if (!m) continue;
    const name = m[1] ?? constantValue(m[2]!, ctx.files);
    if (!name) return false;
    ctx.names.add(name);
    return true;
  }
  return false;
}

const isLiteral = (n: SyntaxNode) => n.type === 'interpreted_string_literal' || n.type === 'raw_string_literal';

/**
 * What a condition on the variable evaluates to when the variable is unset (reads as ""), when that is
 * known: `os.Getenv(K) == ""` is true, `v == "1" || strings.EqualFold(v, "true")` false, a test of
 * anything else unknown.
 */
function valueWhenUnset(cond: SyntaxNode, ctx: ReadContext): boolean | undefined {
  if (cond.type === 'parenthesized_expression') return cond.namedChildren[0] ? valueWhenUnset(cond.namedChildren[0], ctx) : undefined;
  if (cond.type === 'unary_expression') {
    const operand = cond.childForFieldName('operand');
    const v = cond.childForFieldName('operator')?.text === '!' && operand ? valueWhenUnset(operand, ctx) : undefined;
    return v === undefined ? undefined : !v;
  }
  if (cond.type === 'call_expression') {
    // strings.EqualFold(v, "true"), strings.HasPrefix(v, "1"): false for "" unless the literal is empty.
    const fn = cond.childForFieldName('function');
    const args = cond.childForFieldName('arguments')?.namedChildren ?? [];
    const pkg = fn?.type === 'selector_expression' ? fn.childForFieldName('operand')?.text : undefined;
    const field = fn?.childForFieldName('field')?.text ?? '';
    if (!pkg || ctx.file.imports.byName.get(pkg) !== 'strings' || args.length !== 2) return undefined;
    if (!/^(?:EqualFold|HasPrefix|HasSuffix|Contains)$/.test(field)) return undefined;
    const [a, b] = args as [SyntaxNode, SyntaxNode];
    const literal = readOf(a, ctx) ? b : readOf(b, ctx) ? a : undefined;
    if (!literal || !isLiteral(literal)) return undefined;
    if (field !== 'EqualFold' || EMPTY_LITERAL.test(literal.text)) ctx.loose = true;
    return EMPTY_LITERAL.test(literal.text);
  }
  if (cond.type !== 'binary_expression') return undefined;
  const op = cond.childForFieldName('operator')?.text;
  const left = cond.childForFieldName('left');
  const right = cond.childForFieldName('right');
  if (!left || !right) return undefined;
  if (op === '||' || op === '&&') {
    const a = valueWhenUnset(left, ctx);
    const b = valueWhenUnset(right, ctx);
    if (op === '||') return a === true || b === true ? true : a === false && b === false ? false : undefined;
    return a === false || b === false ? false : a === true && b === true ? true : undefined;
  }
  for (const [a, b, swapped] of [[left, right, false], [right, left, true]] as const) {
    if ((op === '==' || op === '!=') && isLiteral(b) && readOf(a, ctx)) {
      if (op === '!=' || EMPTY_LITERAL.test(b.text)) ctx.loose = true;
      return (op === '==') === EMPTY_LITERAL.test(b.text);
    }
    // len(v) == 0, len(os.Getenv(K)) > 0: the length is 0 when unset.
    if (/^\d+$/.test(b.text) && a.type === 'call_expression' && a.childForFieldName('function')?.text === 'len') {
      const arg = a.childForFieldName('arguments')?.namedChildren;
      if (arg?.length !== 1 || !readOf(arg[0]!, ctx)) continue;
      ctx.loose = true;
      const [x, y] = swapped ? [Number(b.text), 0] : [0, Number(b.text)];
      const compare: Record<string, boolean> = { '==': x === y, '!=': x !== y, '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y };
      return compare[op ?? ''];
    }
  }
  return undefined;
}

/** A gate's key: not a variable every machine sets, nor a credential unless the gate wants it to be "1" or "true". */
const usable = (name: string, exact = false) => !COMMON_VARIABLE.test(name) && (exact || !SECRET_VARIABLE.test(name));

/** The env gate of an init function, when its body is guarded by one (see the file comment). */
export function envGateOf(init: SyntaxNode, file: ParsedFile, files: readonly ParsedFile[]): EnvGate | undefined {
  const body = init.childForFieldName('body');
  const list = body?.namedChildren.find((c) => c.type === 'statement_list') ?? body;
  const statements = list?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  // `dir := os.Getenv(K)` then `if dir == "" { return }` (rclone's plugin directory) is the same gate,
  // as is `if v := os.Getenv(K); v == "1" {...}`.
  const assigned = statements[0]?.type === 'short_var_declaration' ? LOCAL_READ.exec(statements[0].text) : null;
  const at = assigned ? 1 : 0;
  const first = statements[at];
  if (first?.type !== 'if_statement' || first.childForFieldName('alternative')) return undefined;
  const initializer = first.childForFieldName('initializer');
  const declared = initializer ? LOCAL_READ.exec(initializer.text) : null;
  if (initializer && (!declared || assigned)) return undefined;
  const local = assigned ?? declared;
  const ctx: ReadContext = { file, files, local: local ? { name: local[1]!, value: local[2]! } : undefined, names: new Set() };
  const cond = first.childForFieldName('condition');
  const block = first.childForFieldName('consequence');
  const unset = cond ? valueWhenUnset(cond, ctx) : undefined;
  const name = ctx.names.size === 1 ? [...ctx.names][0]! : undefined;
  // `v == "1" || strings.EqualFold(v, "true")` on WEED_S3_REQUIRE_KEY_COMMITMENT: a switch, which no key's value is.
  if (unset === undefined || !cond || !block || !name || !usable(name, !ctx.loose)) return undefined;
  const inner = (block.namedChildren.find((c) => c.type === 'statement_list') ?? block).namedChildren.filter((c) => c.type !== 'comment');
  const onlyReturn = inner.length === 1 && inner[0]!.type === 'return_statement' && inner[0]!.namedChildCount === 0;
  const named = (assigned ? statements[0]!.text : '').includes(`"${name}"`) || first.text.includes(`"${name}"`) ? '' : ` (${name})`;
  const before = assigned ? `${statements[0]!.text}; ` : '';
  const head = `if ${initializer ? `${initializer.text}; ` : ''}${cond.text}`;
  // `if os.Getenv(K) == "" { return }`: the rest of the body runs only when K is set.
  if (onlyReturn) return unset ? { text: `${before}${head} { return }${named}`.replace(/\s+/g, ' '), start: first.endIndex, end: init.endIndex } : undefined;
  // The whole body under `if os.Getenv(K) != "" {`.
  if (statements.length === at + 1 && !unset) return { text: `${before}${head} {...}${named}`.replace(/\s+/g, ' '), start: block.startIndex, end: block.endIndex };
  return undefined;
}

/**
 * A function that returns at once when a string parameter is empty: `if repoList == "" { ...; return }`
 * among its top-level statements. Called with `os.Getenv(K)` for that parameter (kubernetes'
 * `readRepoList(os.Getenv("KUBE_TEST_REPO_LIST"))` in a package var), what follows the `if` runs only
 * in a process started with K set, as behind an init's own gate. The consequence and the statements
 * before it run either way.
 */
export interface ParameterGate {
  /** Which parameter (by position) the gate tests. */
  index: number;
  /** Code of the function after this offset is behind the gate. */
  start: number;
}

const parameterGates = new WeakMap<SyntaxNode, ParameterGate[]>();

/** `p == ""`, `"" == p`, `len(p) == 0`: the parameter an emptiness test reads, when it is one. */
function emptinessTested(cond: SyntaxNode): string | undefined {
  if (cond.type === 'parenthesized_expression') return cond.namedChildren[0] ? emptinessTested(cond.namedChildren[0]) : undefined;
  if (cond.type !== 'binary_expression' || cond.childForFieldName('operator')?.text !== '==') return undefined;
  const left = cond.childForFieldName('left');
  const right = cond.childForFieldName('right');
  if (!left || !right) return undefined;
  for (const [a, b] of [[left, right], [right, left]] as const) {
    if (a.type === 'identifier' && b.text === '""') return a.text;
    if (b.text === '0' && a.type === 'call_expression' && a.childForFieldName('function')?.text === 'len') {
      const arg = a.childForFieldName('arguments')?.namedChildren;
      if (arg?.length === 1 && arg[0]!.type === 'identifier') return arg[0]!.text;
    }
  }
  return undefined;
}

/** The empty-parameter gates of a function or method declaration (see ParameterGate). */
export function parameterGatesOf(fn: SyntaxNode): ParameterGate[] {
  let gates = parameterGates.get(fn);
  if (gates) return gates;
  gates = [];
  parameterGates.set(fn, gates);
  const params: string[] = [];
  for (const decl of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (decl.type !== 'parameter_declaration') return gates;
    const names = decl.childrenForFieldName('name');
    // An unnamed parameter still takes a position.
    if (!names.length) params.push('');
    for (const n of names) params.push(n.text);
  }
  const body = fn.childForFieldName('body');
  const list = body?.namedChildren.find((c) => c.type === 'statement_list');
  for (const stmt of list?.namedChildren ?? []) {
    if (stmt.type !== 'if_statement' || stmt.childForFieldName('initializer') || stmt.childForFieldName('alternative')) continue;
    const cond = stmt.childForFieldName('condition');
    const name = cond && emptinessTested(cond);
    const index = name ? params.indexOf(name) : -1;
    if (index < 0 || gates.some((g) => g.index === index)) continue;
    const block = stmt.childForFieldName('consequence');
    const inner = (block?.namedChildren.find((c) => c.type === 'statement_list') ?? block)?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    if (inner[inner.length - 1]?.type !== 'return_statement') continue;
    // The parameter must not be written before the gate (`p = "x"` would make the test constant).
    if (new RegExp(`(?<![\\w.])${name}\\s*(?:=|:=)[^=]`).test(fn.text.slice(body!.startIndex - fn.startIndex, stmt.startIndex - fn.startIndex))) continue;
    gates.push({ index, start: stmt.endIndex });
  }
  return gates;
}

/**
 * The variable an argument reads when it is `os.Getenv(K)` (any local name of package os, K a literal
 * or a package constant) and K is a variable the package itself names: a gate's key (see `usable`).
 */
export function envReadOf(arg: SyntaxNode, file: ParsedFile, files: readonly ParsedFile[]): string | undefined {
  const ctx: ReadContext = { file, files, names: new Set() };
  const name = readOf(arg, ctx) ? [...ctx.names][0] : undefined;
  return name && usable(name) ? name : undefined;
}
