// Files a package embeds with `//go:embed`: their text is part of what the code does (a script run
// with `sh -c`, a URL list), yet a reader of the Go source never sees it. String recovery gives an
// embedded `string`/`[]byte` var its file's text, and IOC extraction reads every embedded text file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';

/** Embedded files bigger than this are not read (assets, not scripts). */
export const MAX_EMBEDDED_BYTES = 64 * 1024;
/** At most this many embedded files are read per package. */
export const MAX_EMBEDDED_FILES = 32;

const PATTERN = /"((?:[^"\\\n]|\\.)*)"|`([^`\n]*)`|(\S+)/g;
const DIRECTIVE = /^[ \t]*\/\/go:embed[ \t]+([^\n]*)$/gm;

function patternsOf(args: string): string[] {
  return [...args.matchAll(PATTERN)].map((m) => m[1] ?? m[2] ?? m[3]!).filter(Boolean);
}

/**
 * Patterns of the `//go:embed` lines right above the declaration of the var whose name starts at
 * `index` (Go allows only blank lines and line comments between them).
 */
export function embedPatternsBefore(source: string, index: number): string[] {
  // The spec of a lone `var x string` starts after the keyword; that of a group's first spec after `(`.
  const head = source.slice(Math.max(0, index - 4096), index).replace(/\bvar[ \t]*(?:\([ \t]*)?$/, '');
  const lines = head.split('\n');
  if (lines.pop()!.trim() !== '') return [];
  const out: string[] = [];
  while (lines.length) {
    const line = lines.pop()!.trim();
    if (line === '') continue;
    if (!line.startsWith('//')) break;
    const m = /^\/\/go:embed\s+(.*)$/.exec(line);
    if (m) out.unshift(...patternsOf(m[1]!));
  }
  return out;
}

/** Every pattern of every `//go:embed` line of a file. */
export function embedPatternsIn(source: string): string[] {
  if (!source.includes('//go:embed')) return [];
  return [...source.matchAll(DIRECTIVE)].flatMap((m) => patternsOf(m[1]!));
}

/** Files of `dir` a pattern names: a path, or a glob in its last part; never outside `dir`. */
function filesOf(dir: string, pattern: string): string[] {
  const clean = pattern.replace(/^all:/, '');
  const parts = clean.split('/');
  if (!clean || clean.startsWith('/') || parts.some((p) => p === '..' || p === '.' || p === '')) return [];
  const last = parts.pop()!;
  const base = join(dir, ...parts);
  if (!/[*?[]/.test(last)) return [join(base, last)];
  if (parts.some((p) => /[*?[]/.test(p))) return [];
  const re = new RegExp(`^${last.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  try {
    return readdirSync(base)
      .filter((name) => re.test(name))
      .sort()
      .map((name) => join(base, name));
  } catch {
    return [];
  }
}

/** The text of a small, UTF-8 regular file, or undefined. */
function textOf(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_EMBEDDED_BYTES) return undefined;
    const bytes = readFileSync(path);
    return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The embeddable files of one package directory, each read once: recovery asks for the same var's
 * file wherever code names it, and IOC extraction reads them all.
 */
export class PackageEmbeds {
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly dir: string) {}

  private read(path: string): string | undefined {
    if (!this.texts.has(path)) this.texts.set(path, textOf(path));
    return this.texts.get(path);
  }

  /** The text a `string`/`[]byte` var embedding `patterns` holds: its first text file (Go allows one). */
  textOf(patterns: string[]): string | undefined {
    for (const pattern of patterns) {
      for (const file of filesOf(this.dir, pattern)) {
        const text = this.read(file);
        if (text !== undefined) return text;
      }
    }
    return undefined;
  }

  /** Texts of the files the patterns name (text files only, up to MAX_EMBEDDED_FILES), for IOC extraction. */
  allTexts(patterns: string[]): string[] {
    const out: string[] = [];
    for (const file of embeddedFilesOf(this.dir, patterns)) {
      if (out.length >= MAX_EMBEDDED_FILES) break;
      const text = this.read(file);
      if (text !== undefined) out.push(text);
    }
    return out;
  }
}

/** Every file the patterns name, in order (what a scan of the package may read of them). */
export function embeddedFilesOf(dir: string, patterns: string[]): string[] {
  return [...new Set(patterns.flatMap((p) => filesOf(dir, p)))];
}
