// Files of a package directory that are not Go but go into the build: the C, C++ and Objective-C
// sources cgo compiles into a package that imports "C", and `.syso` objects, which the go command
// links into any package whose directory holds them. Code hidden there (a constructor in helper.c
// that runs a downloader) is invisible to a scan of the .go files alone.
import type { Finding } from '../result/schema.js';

const C_SOURCE = /\.(c|cc|cpp|cxx|m|h|hh|hpp|hxx)$/;

/** Whether a file name is one the build compiles or links besides Go: a cgo source or a .syso. */
export function isNativeFile(name: string): boolean {
  return C_SOURCE.test(name) || name.endsWith('.syso');
}

export function isCSource(rel: string): boolean {
  return C_SOURCE.test(rel);
}

/**
 * A cgo source as the Go file a preamble would make of it: the C text in a comment above `import "C"`,
 * starting on line 1 after the package clause, so the rules written for preambles (`file: { imports: [C] }` on comments) and
 * IOC extraction read it, and its lines keep their numbers. `*\/` in the C text would end the comment
 * early and is written `* /` (same lines).
 */
export function cSourceAsPreamble(cText: string, packageName: string): string {
  return `package ${packageName}; /*${cText.replaceAll('*/', '* /')}\n*/\nimport "C"\n`;
}

/** A finding for a `.syso` object by what its first bytes say it is. */
export function sysoFinding(rel: string, bytes: Buffer): Finding {
  const magic = bytes.subarray(0, 4).toString('hex');
  const elf = magic === '7f454c46';
  const machO = ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe'].includes(magic);
  // Section names sit in the object's string table: a load-time constructor runs on import.
  const text = bytes.toString('latin1');
  const constructor = (elf && (text.includes('.init_array') || text.includes('.ctors'))) || (machO && text.includes('__mod_init_func'));
  const kind = elf ? 'ELF' : machO ? 'Mach-O' : 'COFF or other';
  return {
    ruleId: 'embedded-syso-object',
    // Medium at most: the Go toolchain's own race detector and BoringCrypto ship as ELF/Mach-O .syso
    // (some with constructors). Windows resource objects (icons, manifests: rsrc/winres output) are
    // COFF and common in programs.
    severity: elf || machO ? 'medium' : 'low',
    category: 'embedded-binary',
    message: `Links a prebuilt ${kind} object (.syso) into the package${constructor ? ', with a load-time constructor' : ''}: its code is not in the source and was not checked`,
    file: rel,
    line: 1,
    column: 1,
    snippet: '',
    recoveredStrings: [],
  };
}
