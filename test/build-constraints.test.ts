import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileNameConstraint, otherPlatformsOnly } from '../src/static/build-constraints.js';

test('file names constrain OS and arch as go/build reads them', () => {
  assert.deepEqual(fileNameConstraint('lib/time_android.go'), { os: 'android' });
  assert.deepEqual(fileNameConstraint('x_ios_arm64_test.go'), { os: 'ios', arch: 'arm64' });
  assert.deepEqual(fileNameConstraint('x_amd64.go'), { arch: 'amd64' });
  assert.deepEqual(fileNameConstraint('android.go'), {}); // no `_`: no constraint
  assert.deepEqual(fileNameConstraint('x_android_helper.go'), {});
});

test('files that build for none of linux, darwin and windows are told apart', () => {
  const pkg = 'package p\n';
  // Only other platforms.
  assert.equal(otherPlatformsOnly('time_android.go', pkg), 'file name _android.go');
  assert.equal(otherPlatformsOnly('x_plan9_amd64.go', pkg), 'file name _plan9_amd64.go');
  assert.equal(otherPlatformsOnly('x.go', '//go:build ios\n\npackage p\n'), '//go:build ios');
  assert.equal(otherPlatformsOnly('x.go', '// Copyright\n\n//go:build (js && wasm) || wasip1\n\npackage p\n'), '//go:build (js && wasm) || wasip1');
  assert.equal(otherPlatformsOnly('x.go', '//go:build !linux && !darwin && !windows\n\npackage p\n'), '//go:build !linux && !darwin && !windows');
  assert.equal(otherPlatformsOnly('x.go', '// +build android,arm\n\npackage p\n'), '// +build android,arm');
  assert.equal(otherPlatformsOnly('x_linux.go', '//go:build android\n\npackage p\n'), 'file name _linux.go, //go:build android');
  // Buildable on a target: plain files, linux/darwin/windows/unix, negations, custom tags, arch only.
  for (const [rel, source] of [
    ['x.go', pkg],
    ['x_linux.go', pkg],
    ['x_windows_amd64.go', pkg],
    ['x_arm64.go', pkg],
    ['x.go', '//go:build unix\n\npackage p\n'],
    ['x.go', '//go:build !android\n\npackage p\n'],
    ['x.go', '//go:build linux && !android\n\npackage p\n'],
    ['x.go', '//go:build (android || linux) && cgo\n\npackage p\n'],
    ['x.go', '//go:build freebsd || darwin\n\npackage p\n'],
    ['x.go', '//go:build customtag\n\npackage p\n'],
    ['x.go', '// +build linux darwin\n\npackage p\n'],
    ['x.go', '//go:build this is not an expression ((\n\npackage p\n'],
    ['x.go', 'package p\n\n//go:build android\n'], // below the package clause: not a constraint
  ]) {
    assert.equal(otherPlatformsOnly(rel!, source!), undefined, `${rel} ${JSON.stringify(source)}`);
  }
});
