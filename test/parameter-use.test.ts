// What a function does with a function value handed to it, read from its declaration's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parameterUse } from '../src/static/parameter-use.js';

test('stores are told from calls, hand-offs and returns', () => {
  assert.deepEqual(parameterUse('func Register(name string, fn Handler) {\n\thandlers[name] = fn\n}', 1), { kind: 'stored', into: [{ root: 'handlers' }] });
  assert.deepEqual(parameterUse('func (r *Reg) Add(f func()) { r.hooks = append(r.hooks, f) }', 0), { kind: 'stored', into: [{ root: 'r', field: 'hooks' }] });
  assert.deepEqual(parameterUse('func New(f func()) *W { return &W{task: f} }', 0), { kind: 'stored', into: [{ root: '', field: 'task' }] });
  assert.deepEqual(parameterUse('func Set(f func()) { if f == nil { return }; hook = f }', 0), { kind: 'stored', into: [{ root: 'hook' }] });
  assert.deepEqual(parameterUse('func Register(name string, _ func()) {}', 1), { kind: 'unused' });
  assert.deepEqual(parameterUse('func Register(name string) {}', 3), { kind: 'unused' });
  for (const runs of [
    'func run(f func()) { f() }',
    'func run(f func()) { go f() }',
    'func run(f func()) { defer f() }',
    'func run(f func()) func() { return f }',
    'func run(f func()) { other(f) }',
    'func run(f func()) { hook = f; hook() }',
    'func run(f func()) { m["x"] = f; m["x"]() }',
    'func run(f func()) { f := wrap(f); keep = f }',
    'func run(a, f func()) { a(); f() }',
  ]) {
    assert.deepEqual(parameterUse(runs, runs.includes('a, f') ? 1 : 0), { kind: 'runs' }, runs);
  }
});

test('signatures: receivers, type parameters, grouped names, variadics, comments and strings', () => {
  assert.deepEqual(parameterUse('func (r *R[T]) Set[U any](k string, fns ...func()) { r.m[k] = fns }', 5), { kind: 'stored', into: [{ root: 'r', field: 'm' }] });
  assert.deepEqual(parameterUse('func Both(a, b func()) { keep = a; b() }', 0), { kind: 'stored', into: [{ root: 'keep' }] });
  assert.deepEqual(parameterUse('func Both(a, b func()) { keep = a; b() }', 1), { kind: 'runs' });
  assert.deepEqual(parameterUse('func F(f func()) interface{ M() } {\n\t// f()\n\ts := "f()"\n\t_ = s\n\tkeep = f\n\treturn nil\n}', 0), { kind: 'stored', into: [{ root: 'keep' }] });
  assert.deepEqual(parameterUse('func F(f func())', 0), { kind: 'unused' });
});

test('a call inside a closure handed to another package is that package keeping it; a runner or a closure called now runs it', () => {
  const kept = 'func (g *G) RegisterRead(read func(context.Context) int) {\n\tg.cache = cachevalue.NewFromFunc(time.Second, func(ctx context.Context) (int, error) {\n\t\treturn read(ctx), nil\n\t})\n}';
  assert.deepEqual(parameterUse(kept, 0), { kind: 'stored', into: [] });
  for (const runs of [
    'func run(f func()) { sync.OnceFunc(func() { f() })() }',
    'func run(f func()) { retry.Do(func() error { f(); return nil }) }',
    'func run(f func()) { go func() { f() }() }',
    'func run(f func()) { wrap(func() { f() }) }',
  ]) {
    assert.deepEqual(parameterUse(runs, 0), { kind: 'runs' }, runs);
  }
});

test('a positional element of a composite literal is stored; a block or a return is not a literal', () => {
  assert.deepEqual(parameterUse('func registerCommand(name string, order int, c func()) {\n\tcommands = append(commands, &command{name, order, c})\n}', 2), { kind: 'stored', into: [{ root: '' }] });
  assert.deepEqual(parameterUse('func run(ok bool, f func()) func() {\n\tif ok {\n\t\treturn f\n\t}\n\treturn nil\n}', 1), { kind: 'runs' });
  assert.deepEqual(parameterUse('func pick(a, f func()) (func(), func()) { return a, f }', 1), { kind: 'runs' });
});
