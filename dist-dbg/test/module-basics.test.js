import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkModulePath, escapeCase, unescapeCase } from '../src/module/escape.js';
import { parseGoMod } from '../src/module/gomod.js';
import { goPathMatch, matchPrefixPatterns } from '../src/module/patterns.js';
import { compareSemver, pickLatest } from '../src/module/semver.js';
test('case-encoding round-trips and rejects bad input', () => {
    assert.equal(escapeCase('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
    assert.equal(unescapeCase('github.com/!burnt!sushi/toml'), 'github.com/BurntSushi/toml');
    assert.throws(() => escapeCase('a!b'));
    assert.throws(() => unescapeCase('github.com/Burnt'));
    assert.throws(() => unescapeCase('x!'));
});
test('module path check', () => {
    assert.equal(checkModulePath('github.com/google/uuid'), undefined);
    assert.equal(checkModulePath('gopkg.in/yaml.v2'), undefined);
    assert.match(checkModulePath('../etc'), /dot/);
    assert.match(checkModulePath('not a module'), /characters/);
    assert.match(checkModulePath('foo/bar'), /domain/);
});
test('MatchPrefixPatterns as Go: globs match leading path elements', () => {
    assert.equal(matchPrefixPatterns('*.corp.example,rsc.io/private', 'git.corp.example/team/x'), true);
    assert.equal(matchPrefixPatterns('*.corp.example', 'corp.example/x'), false);
    assert.equal(matchPrefixPatterns('rsc.io/private', 'rsc.io/private/quux'), true);
    assert.equal(matchPrefixPatterns('rsc.io/private', 'rsc.io/privateer'), false);
    assert.equal(matchPrefixPatterns('github.com/acme/*', 'github.com/acme'), false);
    assert.equal(matchPrefixPatterns('github.com/acme/*', 'github.com/acme/x/y'), true);
    assert.equal(matchPrefixPatterns('', 'github.com/acme'), false);
    assert.equal(goPathMatch('a?c', 'abc'), true);
    assert.equal(goPathMatch('a[b-d]c', 'acc'), true);
    assert.equal(goPathMatch('a[^b]c', 'abc'), false);
    assert.equal(goPathMatch('a*', 'a/b'), false);
});
test('semver ordering and latest selection', () => {
    assert.ok(compareSemver('v1.10.0', 'v1.9.0') > 0);
    assert.ok(compareSemver('v1.0.0-rc.1', 'v1.0.0') < 0);
    assert.ok(compareSemver('v1.0.0-alpha.2', 'v1.0.0-alpha.10') < 0);
    assert.equal(compareSemver('v1.2', 'v1.2.0'), 0);
    assert.equal(pickLatest(['v1.2.0', 'v1.10.0', 'v2.0.0-beta', 'junk']), 'v1.10.0');
    assert.equal(pickLatest(['v0.1.0-a', 'v0.1.0-b']), 'v0.1.0-b');
    assert.equal(pickLatest([]), undefined);
});
test('go.mod parser: blocks, comments, quotes, replace, toolchain', () => {
    const mod = parseGoMod(`// header comment
module "example.test/m" // trailing
go 1.21
toolchain go1.21.5
require (
	github.com/a/b v1.0.0
	github.com/c/d v0.1.0 // indirect
)
require github.com/e/f v2.0.0+incompatible
replace (
	github.com/a/b v1.0.0 => github.com/evil/b v1.0.1
	github.com/c/d => ../d
)
exclude github.com/x/y v0.0.1
retract v0.9.0
`);
    assert.equal(mod.module, 'example.test/m');
    assert.equal(mod.go, '1.21');
    assert.equal(mod.toolchain, 'go1.21.5');
    assert.deepEqual(mod.requires, [
        { path: 'github.com/a/b', version: 'v1.0.0', indirect: false },
        { path: 'github.com/c/d', version: 'v0.1.0', indirect: true },
        { path: 'github.com/e/f', version: 'v2.0.0+incompatible', indirect: false },
    ]);
    assert.deepEqual(mod.replaces, [
        { oldPath: 'github.com/a/b', oldVersion: 'v1.0.0', newPath: 'github.com/evil/b', newVersion: 'v1.0.1' },
        { oldPath: 'github.com/c/d', newPath: '../d' },
    ]);
    assert.deepEqual(mod.excludes, [{ path: 'github.com/x/y', version: 'v0.0.1' }]);
});
//# sourceMappingURL=module-basics.test.js.map