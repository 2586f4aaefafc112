// Variable environments for the evaluator: a chain of block scopes ending in the package scope
// (package vars are copied in lazily, so a function that mutates a table does not change the
// cached package value). Branches run on deep clones that are merged back afterwards.
import { cloneVal, dedupe } from './values.js';
export class Env {
    parent;
    materialise;
    vars = new Map();
    /** `materialise` is only set on the root: it fetches a package-level value by name. */
    constructor(parent, materialise) {
        this.parent = parent;
        this.materialise = materialise;
    }
    /** Values of a name, or undefined when no scope declares it. */
    lookup(name) {
        for (let e = this; e; e = e.parent) {
            const v = e.vars.get(name);
            if (v)
                return v;
            if (!e.parent && e.materialise) {
                const fetched = e.materialise(name);
                if (fetched) {
                    e.vars.set(name, fetched);
                    return fetched;
                }
            }
        }
        return undefined;
    }
    /** True when a local (non-package) scope declares the name. */
    isLocal(name) {
        for (let e = this; e && e.parent; e = e.parent)
            if (e.vars.has(name))
                return true;
        return false;
    }
    declare(name, vals) {
        if (name !== '_')
            this.vars.set(name, vals);
    }
    /** Assign to the nearest declaring scope; package vars land in the root. */
    assign(name, vals) {
        if (name === '_')
            return;
        for (let e = this; e; e = e.parent) {
            if (e.vars.has(name) || !e.parent) {
                e.vars.set(name, vals);
                return;
            }
        }
    }
    /** Deep copy of the whole chain (same shape), and how many values were copied. */
    cloneChain() {
        let cost = 0;
        const copyScope = (src, parent) => {
            const dst = new Env(parent, src.materialise);
            for (const [k, vals] of src.vars) {
                dst.vars.set(k, vals.map(cloneVal));
                cost += vals.length;
            }
            return dst;
        };
        const chain = [];
        for (let e = this; e; e = e.parent)
            chain.push(e);
        let parent = null;
        for (let i = chain.length - 1; i >= 0; i--)
            parent = copyScope(chain[i], parent);
        return { env: parent, cost };
    }
    /** Replace this chain's variables by the union of the given clones' (same shape as this chain). */
    mergeFrom(clones) {
        let target = this;
        let sources = clones;
        while (target) {
            const names = new Set();
            for (const s of sources)
                if (s)
                    for (const k of s.vars.keys())
                        names.add(k);
            for (const name of names) {
                const all = [];
                let unknown = false;
                for (const s of sources) {
                    const v = s?.vars.get(name);
                    if (!v)
                        continue;
                    if (v.length === 0)
                        unknown = true;
                    all.push(...v);
                }
                target.vars.set(name, unknown ? [] : dedupe(all));
            }
            target = target.parent;
            sources = sources.map((s) => s?.parent ?? null);
        }
    }
    /** Every name visible from here, innermost first. */
    visibleNames() {
        const names = new Set();
        for (let e = this; e; e = e.parent)
            for (const k of e.vars.keys())
                names.add(k);
        return names;
    }
}
//# sourceMappingURL=env.js.map