// An init that does nothing unless the process was started with an environment variable the package
// itself names: `if os.Getenv("TS_VMTEST_QEMU_WRAPPER") == "" { return }`, or its whole body under
// `if os.Getenv(K) != "" {`. That is a re-exec helper (the program runs itself again with K set to
// become a wrapper or a child, as moby's reexec and tailscale's vmtest do): an importer never sets K,
// so what the init reaches does not run when the package is imported. A gate on a variable every
// machine or CI runner sets (HOME, PATH, GITHUB_ACTIONS) or a credential's (AWS_*, *_TOKEN) is not
// one: that is how a payload picks its victims.
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

/** The variable a `os.Getenv(...)` comparison reads and the comparison's sense, when it is one. */
function readsVariable(cond: SyntaxNode, file: ParsedFile, files: readonly ParsedFile[], local?: { name: string; value: string }): { name: string; trueWhenUnset: boolean } | undefined {
  if (cond.type !== 'binary_expression') return undefined;
  const op = cond.childForFieldName('operator')?.text;
  const left = cond.childForFieldName('left');
  const right = cond.childForFieldName('right');
  if (!left || !right || (op !== '==' && op !== '!=')) return undefined;
  const isRead = (n: SyntaxNode) => n.type === 'call_expression' || (local !== undefined && n.type === 'identifier' && n.text === local.name);
  const [call, literal] = isRead(left) ? [left, right] : [right, left];
  if (literal.type !== 'interpreted_string_literal') return undefined;
  // `dir := os.Getenv(K)` just before: the comparison of `dir` reads K.
  const read = call.type === 'identifier' && local && call.text === local.name ? local.value : call.text;
  const osNames = [...file.imports.byName].filter(([, path]) => path === 'os').map(([n]) => n);
  for (const os of osNames) {
    const m = GETENV(os).exec(read);
    if (!m) continue;
    const name = m[1] ?? constantValue(m[2]!, files);
    if (!name) return undefined;
    // `== ""` and `!= "1"` hold when K is unset; `!= ""` and `== "1"` do not.
    const empty = literal.text === '""';
    return { name, trueWhenUnset: (op === '==') === empty };
  }
  return undefined;
}

const usable = (name: string) => !COMMON_VARIABLE.test(name) && !SECRET_VARIABLE.test(name);

/** The env gate of an init function, when its body is guarded by one (see the file comment). */
export function envGateOf(init: SyntaxNode, file: ParsedFile, files: readonly ParsedFile[]): EnvGate | undefined {
  const body = init.childForFieldName('body');
  const list = body?.namedChildren.find((c) => c.type === 'statement_list') ?? body;
  const statements = list?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  // `dir := os.Getenv(K)` then `if dir == "" { return }` (rclone's plugin directory) is the same gate.
  const assigned = statements[0]?.type === 'short_var_declaration' ? LOCAL_READ.exec(statements[0].text) : null;
  const local = assigned ? { name: assigned[1]!, value: assigned[2]! } : undefined;
  const at = local ? 1 : 0;
  const first = statements[at];
  if (first?.type !== 'if_statement' || first.childForFieldName('initializer') || first.childForFieldName('alternative')) return undefined;
  const cond = first.childForFieldName('condition');
  const block = first.childForFieldName('consequence');
  const read = cond && readsVariable(cond, file, files, local);
  if (!read || !block || !usable(read.name)) return undefined;
  const inner = (block.namedChildren.find((c) => c.type === 'statement_list') ?? block).namedChildren.filter((c) => c.type !== 'comment');
  const onlyReturn = inner.length === 1 && inner[0]!.type === 'return_statement' && inner[0]!.namedChildCount === 0;
  // `if os.Getenv(K) == "" { return }`: the rest of the body runs only when K is set.
  if (onlyReturn && !read.trueWhenUnset) return undefined;
  const gate = local ? `${statements[0]!.text}; ${first.text}` : first.text;
  const named = gate.includes(`"${read.name}"`) ? '' : ` (${read.name})`;
  if (onlyReturn) return { text: `${gate.replace(/\s+/g, ' ')}${named}`, start: first.endIndex, end: init.endIndex };
  // The whole body under `if os.Getenv(K) != "" {`.
  if (statements.length === at + 1 && !read.trueWhenUnset) return { text: `${local ? `${statements[0]!.text}; ` : ''}if ${cond.text} {...}${named}`, start: block.startIndex, end: block.endIndex };
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
  if (arg.type !== 'call_expression') return undefined;
  for (const [os, path] of file.imports.byName) {
    if (path !== 'os') continue;
    const m = GETENV(os).exec(arg.text);
    if (!m) continue;
    const name = m[1] ?? constantValue(m[2]!, files);
    return name && usable(name) ? name : undefined;
  }
  return undefined;
}
