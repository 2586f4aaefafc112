// Finds which of a fixed set of words occur in a text in one pass (Aho-Corasick as a dense DFA over
// ASCII). The pre-filter asks a few hundred "does the file contain X" questions per file and most
// answers are no; answered one `includes` at a time that scanned every file a few hundred times and
// cost more than parsing. The npm Aho-Corasick packages walk object maps per character, several times
// slower than this table; the automaton is small (one row per needle character), built once per rule set.

const ALPHABET_BITS = 7;
const ALPHABET = 1 << ALPHABET_BITS; // non-ASCII characters all map to column 0 (NUL), which no needle contains

export class NeedleScanner {
  /** Needles the automaton answers; others (non-ASCII, NUL) are left to the caller. */
  readonly needles: string[];
  private readonly next: Int32Array;
  /** For each state, the needle ids that end there (own and via suffix links), as a range into outIds. */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  constructor(words: Iterable<string>, private readonly foldCase = false) {
    this.needles = [...new Set([...words].map((w) => (foldCase ? w.toLowerCase() : w)))].filter((w) => w.length > 0 && /^[\x01-\x7f]+$/.test(w));
    // Trie.
    const goto: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    this.needles.forEach((word, id) => {
      let s = 0;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        let t = goto[s]!.get(c);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          own.push([]);
          goto[s]!.set(c, t);
        }
        s = t;
      }
      own[s]!.push(id);
    });
    // Breadth-first: failure links, then the full transition table.
    const states = goto.length;
    const next = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const outs: number[][] = own.map((o) => [...o]);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const t = goto[0]!.get(c);
      if (t !== undefined) {
        next[c] = t;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      outs[s]!.push(...outs[fail[s]!]!);
      for (let c = 0; c < ALPHABET; c++) {
        const t = goto[s]!.get(c);
        if (t !== undefined) {
          fail[t] = next[fail[s]! * ALPHABET + c]!;
          next[s * ALPHABET + c] = t;
          queue.push(t);
        } else {
          next[s * ALPHABET + c] = next[fail[s]! * ALPHABET + c]!;
        }
      }
    }
    // Rows hold the next state's row offset (state * ALPHABET), sparing a multiply per character.
    for (let k = 0; k < next.length; k++) next[k] = next[k]! * ALPHABET;
    this.next = next;
    this.outStart = new Int32Array(states + 1);
    const flat: number[] = [];
    for (let s = 0; s < states; s++) {
      this.outStart[s] = flat.length;
      flat.push(...new Set(outs[s]));
    }
    this.outStart[states] = flat.length;
    this.outIds = Int32Array.from(flat);
  }

  /** found[id] is 1 when needles[id] occurs in text. */
  scan(text: string): Uint8Array {
    const found = new Uint8Array(this.needles.length);
    const { next, outStart, outIds, foldCase } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= ALPHABET) c = 0;
      else if (foldCase && c >= 65 && c <= 90) c += 32;
      row = next[row + c]!;
      const state = row >> ALPHABET_BITS;
      const end = outStart[state + 1]!;
      for (let k = outStart[state]!; k < end; k++) found[outIds[k]!] = 1;
    }
    return found;
  }
}
