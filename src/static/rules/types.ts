// Compiled form of the rule pack: what the matcher runs. Built by compile.ts from validated YAML.
import type { CheckedRuleDoc } from './compile-doc.js';
import type Parser from 'tree-sitter';
import type { Category, Severity } from '../../result/schema.js';
import type { RuleContext } from './schema.js';

export type Atom =
  | { kind: 'callee'; alts: Array<{ packages: string[]; names: string[] | null }> }
  | { kind: 'import'; packages: string[] }
  | { kind: 'text'; alts: RegExp[] }
  /** the text followed by that of the package-level values it names, transitively (match.ts) */
  | { kind: 'text-with-values'; alts: RegExp[] }
  /** as text-with-values, and the package functions named are followed too */
  | { kind: 'text-with-code'; alts: RegExp[] }
  /** the text followed by that of every expression its value may derive from (derivation.ts) */
  | { kind: 'flows-from'; alts: RegExp[] }
  /** the text of the innermost function around the capture */
  | { kind: 'in-function'; alts: RegExp[] }
  | { kind: 'any-of'; values: string[] }
  | { kind: 'recovered'; alts: RegExp[] }
  /** a recovered value that a hiding step (decoding, XOR, an index table...) made */
  | { kind: 'recovered-hidden'; alts: RegExp[] }
  | { kind: 'not'; inner: CompiledCondition }
  | { kind: 'min-length'; min: number }
  | { kind: 'any'; alts: CompiledCondition[] };

/** All atoms must hold (one YAML condition object). */
export interface CompiledCondition {
  atoms: Atom[];
}

/** One way a file can show it may match: it imports a path, contains a word, or its text matches a regex. */
export type Needle =
  | { kind: 'import'; value: string }
  | { kind: 'text'; value: string }
  /** an identifier or keyword that occurs as a whole token (not inside a longer identifier) */
  | { kind: 'word'; value: string }
  /** lower-case word looked up in the lower-cased source */
  | { kind: 'itext'; value: string }
  /** `fileLevel`: the rule's `file.text`, about the whole file (other regexes are about the matched code) */
  | { kind: 'regex'; value: RegExp; fileLevel?: true }
  /** the file has at least this many characters (a capture's text or literal is never longer than its file) */
  | { kind: 'size'; value: number };

/**
 * Cheap checks a file must pass before the rule's query runs: every group must have one needle
 * that holds. Derived from the rule (see compile.ts / derive.ts); always a necessary condition.
 */
export interface Prefilter {
  groups: Needle[][];
  path: RegExp | null;
  /**
   * Every match lies inside one top-level declaration (the query is not rooted at source_file), so
   * the needles that are not about the whole file (imports, path, `file.text`) must hold in the text
   * of that declaration: the scan can parse only the declarations where they do.
   */
  perDeclaration: boolean;
  /**
   * Groups that must hold in the text of some file of the package (or a file it embeds): from regex
   * conditions on a match's text together with the package values and functions it names
   * (text-with-values, text-with-code), which other files of the package may meet. Text needles only.
   */
  packageGroups: Needle[][];
}

export interface RuleTests {
  match: string[];
  noMatch: string[];
}

export interface CompiledRule {
  id: string;
  severity: Severity;
  category: Category;
  message: string;
  description: string;
  references: string[];
  querySource: string;
  query: Parser.Query;
  where: Array<{ capture: string; condition: CompiledCondition }>;
  /** Allowed run contexts (import-time already expanded); null = anywhere. */
  context: Set<RuleContext> | null;
  prefilter: Prefilter;
  tests: RuleTests;
  /** YAML file (as given to the loader) and 1-based line of the document start. */
  file: string;
  line: number;
}

export interface RuleError {
  file: string;
  /** 1-based; 0 when the error concerns the whole file (e.g. unreadable). */
  line: number;
  ruleId?: string;
  message: string;
}

export interface RuleSource {
  file: string;
  text: string;
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  errors: RuleError[];
  /** sha256 over the rule sources (file names and contents, in load order). */
  hash: string;
  /** The sources the set was built from. */
  sources: RuleSource[];
  /** The documents of `rules`, checked: scan processes compile their queries from these. */
  docs: CheckedRuleDoc[];
}
