// Import-time reachability: what runs when a package is imported, and what only runs when called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../src/static/parse.js';
import { PackageContext } from '../src/static/context.js';

function contextOfLine(src: string, needle: string): string | undefined {
  const file = parseFile('a.go', src);
  const ctx = new PackageContext([file]);
  const idx = src.indexOf(needle);
  assert.ok(idx >= 0, needle);
  const node = file.tree.rootNode.descendantForIndex(idx);
  return ctx.placementOf(file, node).context;
}

test('a function handed to another package for registration is not import-time code', () => {
  const src = `package d
import ("database/sql"; "os/exec")
func init() { sql.Register("x", Open) }
func Open() { exec.Command("git").Run() }
`;
  assert.equal(contextOfLine(src, 'exec.Command'), 'function');
});

test('a function called from init, or handed to a same-package helper, is import-time code', () => {
  const called = `package d
import "os/exec"
func init() { setup() }
func setup() { exec.Command("id").Run() }
`;
  assert.equal(contextOfLine(called, 'exec.Command'), 'reachable-from-init');
  const handed = `package d
import "os/exec"
var _ = run(payload)
func run(f func()) int { f(); return 0 }
func payload() { exec.Command("id").Run() }
`;
  assert.equal(contextOfLine(handed, 'exec.Command'), 'reachable-from-init');
});

test('a function handed to a standard library call that runs it is import-time code', () => {
  for (const start of ['time.AfterFunc(time.Second, payload)', 'reflect.ValueOf(payload).Call(nil)', 'sync.OnceFunc(payload)()']) {
    const src = `package d
import ("os/exec"; "reflect"; "sync"; "time")
func init() { ${start} }
func payload() { exec.Command("id").Run() }
`;
    assert.equal(contextOfLine(src, 'exec.Command'), 'reachable-from-init', start);
  }
  // Kept, not run: the value of reflect.ValueOf without Call, a OnceFunc stored in a var.
  for (const start of ['_ = reflect.ValueOf(payload).Pointer()', 'once = sync.OnceFunc(payload)']) {
    const src = `package d
import ("os/exec"; "reflect"; "sync")
var once func()
func init() { ${start} }
func payload() { exec.Command("id").Run() }
`;
    assert.equal(contextOfLine(src, 'exec.Command'), 'function', start);
  }
  const literal = `package d
import ("os/exec"; "time")
var _ = time.AfterFunc(time.Second, func() { exec.Command("id").Run() })
`;
  assert.equal(contextOfLine(literal, 'exec.Command'), 'package-var');
});

test('a method of an imported package with the same name does not reach the local method', () => {
  const src = `package d
import ("flag"; "os/exec")
var name = flag.String("n", "", "")
type T struct{}
func (T) String() string { exec.Command("id").Run(); return "" }
`;
  assert.equal(contextOfLine(src, 'exec.Command'), 'function');
});

test("a method called on another package's value (a local or a package var) does not reach the package's method of that name", () => {
  const mk = (init: string) => `package d
import ("net"; "os/exec")
type Env struct{}
func (e *Env) Start() { net.Dial("tcp", "192.0.2.1:80") }
${init}
`;
  assert.equal(contextOfLine(mk('func init() { cmd := exec.Command("qemu"); cmd.Start() }'), 'net.Dial'), 'function');
  assert.equal(contextOfLine(mk('func init() { var c *exec.Cmd; c.Start() }'), 'net.Dial'), 'function');
  assert.equal(contextOfLine(mk('func run(c *exec.Cmd) { c.Start() }\nfunc init() { run(nil) }'), 'net.Dial'), 'function');
  assert.equal(contextOfLine(mk('var c = &exec.Cmd{}\nfunc init() { c.Start() }'), 'net.Dial'), 'function');
  // the package's own value, or one bound to something else too, still reaches it
  assert.equal(contextOfLine(mk('func init() { e := &Env{}; e.Start() }'), 'net.Dial'), 'reachable-from-init');
  assert.equal(contextOfLine(mk('func init() { e := exec.Command("x"); e = newEnv(); e.Start() }\nfunc newEnv() *Env { return nil }'), 'net.Dial'), 'reachable-from-init');
});

test('func literals in package vars: stored ones run only when called, called ones at import', () => {
  const stored = `package d
import "os/exec"
var handlers = map[string]func(){"x": func() { exec.Command("id").Run() }}
`;
  assert.equal(contextOfLine(stored, 'exec.Command'), 'function');
  const namedThenCalled = `package d
import "os/exec"
var payload = func() { exec.Command("id").Run() }
func init() { payload() }
`;
  assert.equal(contextOfLine(namedThenCalled, 'exec.Command'), 'reachable-from-init');
  const invoked = `package d
import "os/exec"
var _ = func() int { exec.Command("id").Run(); return 0 }()
`;
  assert.equal(contextOfLine(invoked, 'exec.Command'), 'package-var');
  const cobra = `package d
import "os/exec"
type Command struct{ RunE func() error }
var root = &Command{RunE: run}
func run() error { return exec.Command("git").Run() }
`;
  assert.equal(contextOfLine(cobra, 'exec.Command'), 'function');
});

test('literals handed to another package are stored, method names shared by types do not fan out, main is not import-time', () => {
  const once = `package d
import ("os/exec"; "sync")
var get = sync.OnceValue(func() error { return exec.Command("id").Run() })
`;
  assert.equal(contextOfLine(once, 'exec.Command'), 'function');
  const shared = `package d
import "os/exec"
type A struct{}; type B struct{}
func (A) Do() {}
func (B) Do() { exec.Command("id").Run() }
var a A
func init() { x := pick(); x.Do() }
func pick() A { return a }
`;
  assert.equal(contextOfLine(shared, 'exec.Command'), 'function');
  const unique = `package d
import "os/exec"
type S struct{}
func (S) connect() { exec.Command("sh").Run() }
func init() { s := S{}; s.connect() }
`;
  assert.equal(contextOfLine(unique, 'exec.Command'), 'reachable-from-init');
  const main = `package main
import "os/exec"
func init() { exec.Command("id").Run() }
func main() {}
`;
  assert.equal(contextOfLine(main, 'exec.Command'), 'main');
});

test('a closure stored in a struct field at init runs when the registry calls it, unless init calls that field', () => {
  const stored = `package d
import ("net"; "example.test/registry")
type Reg struct{ InitFn func() }
func dial() { net.Dial("tcp", "203.0.113.5:80") }
func init() { registry.Register(&Reg{InitFn: func() { net.DialTimeout("unix", "/run/x.sock", 0); dial() }}) }
`;
  assert.equal(contextOfLine(stored, 'net.DialTimeout'), 'function');
  assert.equal(contextOfLine(stored, 'net.Dial("tcp"'), 'function', 'what the stored closure calls is not reached either');
  const called = `package d
import "net"
type Reg struct{ InitFn func() }
func init() { r := &Reg{InitFn: func() { net.Dial("tcp", "203.0.113.5:80") }}; r.InitFn() }
`;
  assert.equal(contextOfLine(called, 'net.Dial'), 'init');
  const spawned = `package d
import "net"
func init() { go func() { net.Dial("tcp", "203.0.113.5:80") }() }
`;
  assert.equal(contextOfLine(spawned, 'net.Dial'), 'init');
});

test('a closure assigned to a field or an element at init is stored for later, unless init calls it', () => {
  const hook = `package d
import ("net"; "example.test/internal")
func dial() { net.Dial("tcp", "203.0.113.5:80") }
func init() { internal.ExitIdleForTesting = func() { net.DialTimeout("unix", "/run/x.sock", 0); dial() } }
`;
  assert.equal(contextOfLine(hook, 'net.DialTimeout'), 'function');
  assert.equal(contextOfLine(hook, 'net.Dial("tcp"'), 'function', 'what the stored closure calls is not reached either');
  const element = `package d
import "net"
var handlers = map[string]func(){}
func init() { handlers["x"] = func() { net.Dial("tcp", "203.0.113.5:80") } }
`;
  assert.equal(contextOfLine(element, 'net.Dial'), 'function');
  const calledField = `package d
import ("net"; "example.test/internal")
func init() { internal.Hook = func() { net.Dial("tcp", "203.0.113.5:80") }; internal.Hook() }
`;
  assert.equal(contextOfLine(calledField, 'net.Dial'), 'init');
  const calledElement = `package d
import "net"
var handlers = map[string]func(){}
func init() { handlers["x"] = func() { net.Dial("tcp", "203.0.113.5:80") }; handlers["x"]() }
`;
  assert.equal(contextOfLine(calledElement, 'net.Dial'), 'init');
});

test('a function assigned to a package var in init is stored for later, unless the code then calls through the var or the var is a local', () => {
  const tail = '\nfunc payload() { exec.Command("git").Run() }\n';
  const head = 'package d\nimport "os/exec"\nvar Hook func()\n';
  assert.equal(contextOfLine(`${head}func init() { Hook = payload }${tail}`, 'exec.Command'), 'function');
  assert.equal(contextOfLine(`${head}func init() { Hook = payload; Hook() }${tail}`, 'exec.Command'), 'reachable-from-init');
  assert.equal(contextOfLine(`${head}func init() { var Hook func(); Hook = payload; _ = Hook }${tail}`, 'exec.Command'), 'reachable-from-init');
  assert.equal(contextOfLine(`${head}func init() { h := payload; h() }${tail}`, 'exec.Command'), 'reachable-from-init');
});

// Registration through the package's own helpers and hooks of other packages' types (tailscale.com's
// `RegisterC2N("/echo", handleC2NEcho)`, `feature.HookX.Set(f)`): kept, not run, unless reached code
// calls through where the helper keeps it.
const KEEP_HEAD = 'package d\nimport ("os/exec"; "path/filepath"; "sync"; "example.test/feature")\nvar _ = feature.X\nvar _ sync.Once\nvar _ = filepath.Walk\n';
const KEEP_TAIL = '\nfunc payload() { exec.Command("id").Run() }\n';
const REGISTER = 'var handlers = map[string]func(){}\nfunc Register(name string, fn func()) {\n\tif _, dup := handlers[name]; dup { panic(name) }\n\thandlers[name] = fn\n}\n';
const keepCases: Array<[string, string, string]> = [
  ['a helper that stores into a map', 'function', `${REGISTER}func init() { Register("x", payload) }`],
  ['... then ranged over and called', 'reachable-from-init', `${REGISTER}func init() { Register("x", payload); for _, h := range handlers { h() } }`],
  ['... then looked up and called elsewhere', 'reachable-from-init', `${REGISTER}func init() { Register("x", payload); run() }\nfunc run() { h := handlers["x"]; h() }`],
  ['... only its keys ranged over', 'function', `${REGISTER}func init() { Register("x", payload); for k := range handlers { println(k) } }`],
  ['a helper that starts it', 'reachable-from-init', 'func Register(name string, fn func()) { go fn() }\nfunc init() { Register("x", payload) }'],
  ['a helper that hands it on', 'reachable-from-init', 'func Register(name string, fn func()) { other(fn) }\nfunc other(f func()) { f() }\nfunc init() { Register("x", payload) }'],
  ['a variadic helper that appends', 'function', 'var hooks []func()\nfunc Add(fns ...func()) { hooks = append(hooks, fns...) }\nfunc init() { Add(payload) }'],
  ['... then called through the slice', 'reachable-from-init', 'var hooks []func()\nfunc Add(fn func()) { hooks = append(hooks, fn) }\nfunc init() { Add(payload); for i := range hooks { hooks[i]() } }'],
  ['a constructor keeping it in a field, started at init', 'reachable-from-init', 'type W struct{ task func() }\nfunc New(f func()) *W { return &W{task: f} }\nfunc (w *W) Start() { go w.task() }\nvar w = New(payload)\nfunc init() { w.Start() }'],
  ['... never started', 'function', 'type W struct{ task func() }\nfunc New(f func()) *W { return &W{task: f} }\nfunc (w *W) Start() { go w.task() }\nvar w = New(payload)'],
  ['a func literal handed to a storing helper', 'function', `${REGISTER}func init() { Register("x", func() { exec.Command("id").Run() }) }`],
  ['... then called through the map', 'reachable-from-init', `${REGISTER}func init() { Register("x", func() { exec.Command("id").Run() }); for _, h := range handlers { h() } }`],
  ['a func literal handed to a running helper', 'init', 'func run(fn func()) { fn() }\nfunc init() { run(func() { exec.Command("id").Run() }) }'],
  ['a method expression registered', 'function', `type H struct{}\nvar hs = map[string]func(*H){}\nfunc Register(name string, fn func(*H)) { hs[name] = fn }\nfunc init() { Register("x", (*H).serve) }\nfunc (h *H) serve() { exec.Command("id").Run() }`],
  ['a hook of another package set', 'function', 'func init() { feature.HookX.Set(payload) }'],
  ['a hook var of another package type set, though local types have Set methods', 'function', 'type a struct{}\nfunc (*a) Set(s string) error { return nil }\ntype b struct{}\nfunc (*b) Set(s string) error { return nil }\nvar hook feature.Hook[func()]\nfunc init() { hook.Set(payload) }'],
  ['a func literal set on such a hook', 'function', 'var hook feature.Hook[func()]\nfunc init() { hook.Set(func() { exec.Command("id").Run() }) }'],
  ['sync.Once.Do still runs it', 'reachable-from-init', 'var once sync.Once\nfunc init() { once.Do(payload) }'],
  ['another method of a foreign value still runs it', 'reachable-from-init', 'var g feature.Group\nfunc init() { g.Go(payload) }'],
  ['a local method that calls its argument', 'reachable-from-init', 'type R struct{ f func() }\nfunc (r *R) Set(f func()) { f() }\nvar r R\nfunc init() { r.Set(payload) }'],
  ['a local setter, then fired at init', 'reachable-from-init', 'type R struct{ f func() }\nfunc (r *R) Set(f func()) { r.f = f }\nfunc (r *R) Fire() { r.f() }\nvar r R\nfunc init() { r.Set(payload); r.Fire() }'],
  ['a func literal handed to another package', 'function', 'func init() { feature.Complete("x", func() { exec.Command("id").Run() }) }'],
  ['a func literal a standard walk runs', 'init', 'func init() { filepath.Walk("/", func(p string, i any, e error) error { exec.Command("id").Run(); return nil }) }'],
];
for (const [name, want, body] of keepCases) {
  test(`kept or run: ${name}`, () => {
    assert.equal(contextOfLine(`${KEEP_HEAD}${body}${KEEP_TAIL}`, 'exec.Command'), want);
  });
}

test('a function handed to another package whose name says it runs it (retry.Do, backoff.Retry) is import-time code', () => {
  const head = 'package d\nimport ("os/exec"; retry "github.com/avast/retry-go"; "example.test/lib")\nvar _ = lib.X\n';
  assert.equal(contextOfLine(`${head}func init() { retry.Do(func() error { exec.Command("id").Run(); return nil }) }\n`, 'exec.Command'), 'init');
  assert.equal(contextOfLine(`${head}func init() { retry.Do(payload) }\nfunc payload() error { exec.Command("id").Run(); return nil }\n`, 'exec.Command'), 'reachable-from-init');
  assert.equal(contextOfLine(`${head}func init() { lib.OnStart(payload) }\nfunc payload() error { exec.Command("id").Run(); return nil }\n`, 'exec.Command'), 'function');
});

test("a _test.go file's init and package vars are not import-time roots: they run only under go test of the package", () => {
  const lib = parseFile('lib.go', 'package d\nimport "os/exec"\nfunc Start() { exec.Command("id").Run() }\n');
  const tst = parseFile('lib_test.go', 'package d\nfunc init() { Start() }\nvar _ = Describe("x", func() { Start() })\n');
  const ctx = new PackageContext([lib, tst]);
  const node = lib.tree.rootNode.descendantForIndex(lib.source.indexOf('exec.Command'));
  assert.equal(ctx.placementOf(lib, node).context, 'function');
  const src = parseFile('src.go', 'package d\nfunc init() { Start() }\n');
  assert.equal(new PackageContext([lib, src]).placementOf(lib, node).context, 'reachable-from-init');
});

test('a func literal handed to a dot-imported function is kept for later, as one handed to pkg.F is', () => {
  const src = `package d
import ("os/exec"; . "example.test/ginkgo")
var _ = Describe("x", func() { exec.Command("id").Run() })
`;
  assert.equal(contextOfLine(src, 'exec.Command'), 'function');
  assert.equal(contextOfLine(src.replace('Describe("x", func()', 'run("x", func()') + 'func run(s string, f func()) bool { f(); return true }\n', 'exec.Command'), 'package-var');
});

test('functions reached through a value: a table field called, a method value or function var called, a returned closure called in place', () => {
  const head = 'package d\nimport "os/exec"\nfunc payload() { exec.Command("id").Run() }\n';
  const reached = (body: string) => contextOfLine(head + body, 'exec.Command');
  assert.equal(reached('var hooks = struct{ start, stop func() }{start: payload}\nfunc init() { hooks.start() }\n'), 'reachable-from-init');
  assert.equal(reached('type T struct{}\nfunc (T) Start() { payload() }\nvar start = T{}.Start\nfunc init() { start() }\n'), 'reachable-from-init');
  assert.equal(reached('var h interface{} = payload\nfunc init() { h.(func())() }\n'), 'reachable-from-init');
  assert.equal(reached('func mk() func() { return func() { payload() } }\nfunc init() { mk()() }\n'), 'reachable-from-init');
  // Only the field called runs; a value stored and not called, or a closure made and not called, does not.
  assert.equal(reached('func other() {}\nvar hooks = struct{ start, stop func() }{start: other, stop: payload}\nfunc init() { hooks.start() }\n'), 'function');
  assert.equal(reached('var h interface{} = payload\nfunc init() { _ = h }\n'), 'function');
  assert.equal(reached('func mk() func() { return func() { payload() } }\nvar later = mk()\n'), 'function');
});

test('what a signal handler started by init runs after receiving the signal is not import-time code', () => {
  const src = `package d
import ("os"; "os/exec"; "os/signal"; "syscall")
func init() {
	go func() {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGUSR2)
		exec.Command("before").Run()
		for {
			<-sigs
			dump()
			exec.Command("after").Run()
		}
	}()
}
func dump() { exec.Command("dump").Run() }
`;
  assert.equal(contextOfLine(src, 'exec.Command("before")'), 'init');
  assert.equal(contextOfLine(src, 'exec.Command("after")'), 'function');
  assert.equal(contextOfLine(src, 'exec.Command("dump")'), 'function');
  // A receive from a channel no signal.Notify fills gates nothing.
  const plain = src.replace('signal.Notify(sigs, syscall.SIGUSR2)', '_ = signal.Ignored; go func() { sigs <- nil }()');
  assert.equal(contextOfLine(plain, 'exec.Command("dump")'), 'reachable-from-init');
});

test("a method handed to another package's method is kept unless that method's name says it runs it", () => {
  const src = (call: string) => `package d
import ("os/exec"; "github.com/alecthomas/kingpin/v2")
type cmd struct{}
func (c *cmd) run(*kingpin.ParseContext) error { return exec.Command("id").Run() }
func configure(app *kingpin.Application) {
	c := &cmd{}
	${call}
}
func init() { configure(kingpin.New("x", "")) }
`;
  assert.equal(contextOfLine(src('app.Command("run", "").Action(c.run)'), 'exec.Command'), 'function');
  assert.equal(contextOfLine(src('app.Command("run", "").Do(c.run)'), 'exec.Command'), 'reachable-from-init');
});

test('a runner-named call whose result is handed to another call declares an option (cell.Invoke in a hive module), it runs nothing now', () => {
  const src = (decl: string) => `package d
import ("os/exec"; "github.com/cilium/hive/cell"; "github.com/avast/retry-go")
func register() error { return exec.Command("id").Run() }
${decl}
`;
  assert.equal(contextOfLine(src('var Cell = cell.Module("x", "y", cell.Invoke(register))'), 'exec.Command'), 'function');
  assert.equal(contextOfLine(src('func init() { retry.Do(register) }'), 'exec.Command'), 'reachable-from-init');
});

test('a closure an init stores in a package var runs when code calls through the var, not with the init', () => {
  const src = (tail: string) => `package d
import ("os/exec"; "runtime")
var Clear func()
func init() {
	if runtime.GOOS == "windows" {
		Clear = func() { exec.Command("cmd", "/c", "cls").Run() }
	}
}
${tail}`;
  assert.equal(contextOfLine(src(''), 'exec.Command'), 'function');
  assert.equal(contextOfLine(src('var _ = run()\nfunc run() int { Clear(); return 0 }\n'), 'exec.Command'), 'reachable-from-init');
  assert.equal(contextOfLine(src('func init() { Clear = func() { exec.Command("x").Run() }; Clear() }\n'), 'exec.Command("x")'), 'init');
});
