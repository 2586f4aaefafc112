import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PopularModules, bundledPopularModules, checkTyposquat, oneEditApart, parsePopularList } from '../src/module/typosquat.js';

const popular = bundledPopularModules();

function imitates(path: string): string | undefined {
  return popular.find(path)?.imitates;
}

test('the bundled list is loaded and large', () => {
  assert.ok(popular.size >= 300, `only ${popular.size} modules`);
});

test('github.com/boltdb-go/bolt imitates github.com/boltdb/bolt (owner contains the real owner)', () => {
  const hit = checkTyposquat('github.com/boltdb-go/bolt');
  assert.ok(hit);
  assert.equal(hit.imitates, 'github.com/boltdb/bolt');
  assert.equal(hit.finding.ruleId, 'module-typosquat');
  assert.equal(hit.finding.severity, 'high');
  assert.equal(hit.finding.category, 'supply-chain');
  assert.match(hit.finding.message, /github\.com\/boltdb\/bolt/);
});

test('look-alikes are flagged with the module they imitate', () => {
  const cases: [string, string][] = [
    ['github.com/spf13/cobrra', 'github.com/spf13/cobra'], // insertion
    ['github.com/spf31/cobra', 'github.com/spf13/cobra'], // adjacent swap in owner
    ['github.com/stretchr/tesitfy', 'github.com/stretchr/testify'], // adjacent swap in repo
    ['github.com/sirupsen/go-logrus', 'github.com/sirupsen/logrus'], // go- prefix
    ['github.com/sirupsen/logrus-go', 'github.com/sirupsen/logrus'], // -go suffix
    ['github.com/gingonic/gin', 'github.com/gin-gonic/gin'], // hyphen dropped
    ['github.com/gin_gonic/gin', 'github.com/gin-gonic/gin'], // hyphen -> underscore
    ['gitlab.com/gorilla/mux', 'github.com/gorilla/mux'], // host swap
    ['bitbucket.org/google/uuid', 'github.com/google/uuid'], // host swap
    ['github.com/Sirupsen/logrus', 'github.com/sirupsen/logrus'], // case trick
    ['github.com/Google/uuid/v2', 'github.com/google/uuid'], // case trick, with a suffix
    ['githib.com/gorilla/mux', 'github.com/gorilla/mux'], // look-alike host
    ['gopkg.in/yam1.v2', 'gopkg.in/yaml.v2'],
  ];
  for (const [candidate, original] of cases) assert.equal(imitates(candidate), original, candidate);
});

test('popular modules, their subpackages and major versions are never flagged', () => {
  for (const p of ['github.com/boltdb/bolt', 'github.com/spf13/cobra', 'github.com/gin-gonic/gin', 'gopkg.in/yaml.v3', 'go.etcd.io/bbolt']) {
    assert.equal(imitates(p), undefined, p);
  }
  assert.equal(imitates('github.com/spf13/cobra/doc'), undefined);
  assert.equal(imitates('github.com/labstack/echo/v5'), undefined);
  assert.equal(imitates('gopkg.in/yaml.v1'), undefined, 'another version is not an imitation');
  assert.equal(imitates('cloud.google.com/go/spanner'), undefined, 'inside a popular namespace');
  assert.equal(imitates('golang.org/x/cyrpto'), undefined, 'vanity domains are controlled by their owner');
});

test('unrelated modules and forks under very different owners are not flagged', () => {
  for (const p of ['github.com/acme-corp/billing', 'example.test/mod', 'github.com/someone/cobra-cli-helpers', 'github.com/etcd-io/bolt', 'github.com/xyz/bolt', 'github.com/myorg/uuid']) {
    assert.equal(imitates(p), undefined, p);
  }
});

test('popular modules checked against the rest of the list: only known sibling pairs collide', () => {
  const list = parsePopularList(readFileSync(new URL('../../data/popular-modules.txt', import.meta.url), 'utf8'));
  const collisions: string[] = [];
  for (const p of list) {
    const root = p.split('/').slice(0, 3).join('/');
    const hit = new PopularModules(list.filter((q) => !q.startsWith(root))).find(p);
    if (hit) collisions.push(`${root} -> ${hit.imitates}`);
  }
  const known = new Set([
    'github.com/go-redis/redis -> github.com/redis/go-redis',
    'github.com/redis/go-redis -> github.com/go-redis/redis',
    'github.com/tidwall/gjson -> github.com/tidwall/sjson',
    'github.com/tidwall/sjson -> github.com/tidwall/gjson',
  ]);
  assert.deepEqual(collisions.filter((c) => !known.has(c)), []);
});

test('a same-owner look-alike repo is low, a foreign owner high', () => {
  assert.equal(popular.find('github.com/spf13/cobrra')?.severity, 'low');
  assert.equal(popular.find('github.com/spf31/cobra')?.severity, 'high');
  assert.equal(checkTyposquat('github.com/boltdb-go/bolt')?.finding.severity, 'high');
});

test('a custom list works, and short names need more than one edit to match', () => {
  const custom = new PopularModules(['github.com/rs/xid', 'github.com/kr/pty']);
  assert.equal(custom.find('github.com/rs/xia'), undefined, 'three-letter repo: one edit is too weak a signal');
  assert.equal(custom.find('gitlab.com/rs/xid')?.imitates, 'github.com/rs/xid');
});

test('oneEditApart', () => {
  assert.equal(oneEditApart('cobra', 'cobar'), true);
  assert.equal(oneEditApart('cobra', 'cobr'), true);
  assert.equal(oneEditApart('cobra', 'cobras'), true);
  assert.equal(oneEditApart('cobra', 'cobra'), false);
  assert.equal(oneEditApart('cobra', 'acorb'), false);
  assert.equal(oneEditApart('abcd', 'badc'), false);
});
