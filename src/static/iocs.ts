// Indicators of compromise from strings (literals and recovered ones): URLs, IPs, domains and
// shell command lines. Tuned for precision: this runs over popular modules and the standard
// library, where version strings, OIDs, file names and Go identifiers look like IOCs.
import { isIP } from 'node:net';
import type { Iocs } from '../result/schema.js';

const URL_RE = /\b(?:https?|ftps?|sftp|wss?|tcp|udp|tls|ssh|smb|tftp|socks[45]h?|gopher|ldaps?|rtsp|mqtt|redis|telnet):\/\/[^\s"'<>`|\\{}^]+/gi;

/** 4 dotted decimal numbers not inside a longer dotted run (OIDs, versions) or a word. */
const IPV4_RE = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/g;
const IPV6_RE = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:.])/gi;

/** TLDs accepted for bare host names (outside URLs): unambiguous ones only. */
const DOMAIN_TLDS = new Set([
  // reserved names used by tests and samples, and Tor
  'test', 'invalid', 'example', 'onion',
  // generic
  'com', 'net', 'org', 'info', 'biz', 'xyz', 'top', 'online', 'site', 'club', 'live', 'dev', 'cloud', 'tech',
  'store', 'shop', 'space', 'fun', 'icu', 'vip', 'win', 'bid', 'click', 'link', 'work', 'pro', 'life', 'world',
  'today', 'services', 'support', 'host', 'website', 'press', 'cyou', 'buzz', 'monster', 'rest', 'lol', 'quest',
  'gov', 'edu', 'mil', 'int', 'arpa',
  // country codes that are not common words or file extensions
  'ru', 'su', 'cn', 'io', 'co', 'tv', 'uk', 'de', 'fr', 'nl', 'jp', 'kr', 'br', 'es', 'ch', 'se', 'fi', 'dk',
  'au', 'ca', 'eu', 'pw', 'tk', 'ml', 'ga', 'cf', 'gq', 'ir', 'kp', 'ua', 'by', 'kz', 'tr', 'vn', 'th', 'sg',
  'hk', 'tw', 'cz', 'hu', 'ro', 'gr', 'pt', 'ar', 'mx', 'cl', 'za', 'ng', 'nz', 'il', 'lt', 'lv', 'ee', 'sk',
  'bg', 'rs', 'hr', 'si', 'ly', 'ws', 'cx', 'nu', 'gg', 'ai', 'xn--p1ai',
]);
// deliberately absent: file-extension or English-word TLDs such as go? (none), sh, py, pl, md, zip,
// mov, so, cc, is, it, in, at, to, be, me, my, no, do, id, us, am, name, app, run, new, one, page.

const HOST_RE = /(?<![\w.@$%/-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z][a-z0-9-]{1,23}))(?![\w(-]|\.[\w])/g;

const SHELLS = 'sh|bash|zsh|dash|ksh|ash';
const COMMAND_BINARIES = new Set([
  'sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'busybox', 'curl', 'wget', 'chmod', 'chown', 'nohup', 'powershell',
  'powershell.exe', 'pwsh', 'cmd', 'cmd.exe', 'certutil', 'certutil.exe', 'crontab', 'nc', 'ncat', 'netcat',
  'socat', 'telnet', 'python', 'python2', 'python3', 'perl', 'ruby', 'php', 'rm', 'dd', 'mkfifo', 'base64',
  'systemctl', 'launchctl', 'schtasks', 'schtasks.exe', 'reg', 'reg.exe', 'rundll32', 'regsvr32', 'mshta',
  'bitsadmin', 'wmic', 'sudo', 'pkill', 'killall', 'iptables', 'useradd', 'usermod', 'osascript', 'xattr',
  'setsid', 'disown', 'tftp', 'ftp', 'scp', 'rsync', 'sshpass', 'openssl', 'start',
]);
const SHELL_META = /(?:\|\||&&|[|;`]|\$\(|>\s*\/|>>|2>&1|\s&\s*$)/;

function withinOctets(parts: string[]): boolean {
  return parts.every((p) => Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
}

function ipv4Wanted(ip: string): boolean {
  const parts = ip.split('.');
  if (!withinOctets(parts)) return false;
  if (parts[0] === '0' || parts[0] === '127' || Number(parts[0]) >= 224) return false; // this-network, loopback, multicast/reserved
  return true;
}

function ipv6Wanted(ip: string): boolean {
  const lower = ip.toLowerCase();
  if (isIP(lower) !== 6) return false;
  if (lower === '::' || lower === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(lower)) return false;
  // "a::b", "ab::cd": too easily a word pair or a C++ scope; require a digit or 3+ groups
  return /\d/.test(lower) || lower.split(':').filter(Boolean).length >= 3;
}

function hostWanted(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '' || h === 'localhost' || h.endsWith('.localhost')) return false;
  if (isIP(h) === 4) return ipv4Wanted(h);
  return /^[a-z0-9.-]+$/.test(h) && h.includes('.');
}

/** Host of a URL (without credentials and port), or undefined when it is a template or junk. */
function urlHost(url: string): string | undefined {
  const rest = url.replace(/^[a-z0-9]+:\/\//i, '');
  const authority = rest.split(/[/?#]/)[0] ?? '';
  const hostPort = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  if (hostPort.startsWith('[')) return hostPort.slice(1, hostPort.indexOf(']'));
  return hostPort.replace(/:\d*$/, '');
}

function commandLines(text: string): string[] {
  const trimmed = text.trim();
  if (/^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|z|da|k)?sh\b/.test(trimmed)) return [trimmed.slice(0, 500)];
  const out: string[] = [];
  for (const raw of trimmed.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length < 4 || line.length > 2000) continue;
    if (looksLikeCommand(line)) out.push(line.slice(0, 500));
  }
  return out;
}

function looksLikeCommand(line: string): boolean {
  // piping into a shell is a command whatever comes first
  if (new RegExp(`\\|\\s*(?:sudo\\s+)?(?:/(?:usr/)?bin/)?(?:${SHELLS})\\b`).test(line)) return true;
  const tokens = line.split(/\s+/);
  const first = tokens[0] ?? '';
  const name = first.replace(/^(?:\/(?:usr\/)?(?:local\/)?s?bin\/)/, '').toLowerCase();
  const pathed = name !== first.toLowerCase();
  if (!COMMAND_BINARIES.has(name) || tokens.length < 2) return false;
  if (name === 'start' && !/^start\s+\/b\b/i.test(line)) return false;
  const args = tokens.slice(1);
  // arguments must look like a command line, not prose: flags, paths, URLs, shell syntax
  const argLike = args.some((a) => /^(?:-{1,2}[\w]|\/[\w.]|[A-Za-z]:\\|%\w+%|\$\w|~\/|\.{1,2}\/|\d{3,5}$)/.test(a) || a.includes('://') || /^(?:if|of)=\//.test(a) || /^[+-]?[0-7]{3,4}$/.test(a) || /^[ugoa]*[+-][rwx]+$/.test(a));
  if (!argLike && !SHELL_META.test(line)) return false;
  // "sh is not available: -x" style messages: a printf verb or a colon-terminated word
  if (!pathed && /%[sdvqw]/.test(line) && !SHELL_META.test(line)) return false;
  if (args.some((a) => /^\w+:$/.test(a))) return false;
  return true;
}

/**
 * `powershell -enc <base64>` (any unambiguous prefix of -EncodedCommand): the script is base64 of
 * UTF-16LE, so its URLs and hosts are not in the text; this is the script.
 */
const POWERSHELL_ENCODED = /(?:^|\s)[-/]e(?:c|n|nc|nco|ncod|ncode|ncoded|ncodedc\w*)?\s+([A-Za-z0-9+/]{16,}={0,2})(?=\s|$)/gi;

const POWERSHELL_NAME = /powershell|pwsh/i;

export function powershellScripts(s: string): string[] {
  if (!POWERSHELL_NAME.test(s)) return [];
  const out: string[] = [];
  for (const m of s.matchAll(POWERSHELL_ENCODED)) {
    const bytes = Buffer.from(m[1]!, 'base64');
    if (bytes.length < 8 || bytes.length % 2 !== 0) continue;
    const script = bytes.toString('utf16le');
    // UTF-16LE of ASCII text: every other byte is zero; anything else is not an encoded command
    if (/^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(script) && bytes.filter((b, i) => i % 2 === 1 && b === 0).length * 2 >= bytes.length * 0.9) out.push(script);
  }
  return out;
}

export function extractIocs(strings: string[]): Iocs {
  const urls = new Set<string>();
  const ips = new Set<string>();
  const domains = new Set<string>();
  const commands = new Set<string>();
  const scripts: string[] = [];
  for (const t of strings) if (t.length < 100_000 && POWERSHELL_NAME.test(t)) scripts.push(...powershellScripts(t));
  for (const s of scripts.length ? [...strings, ...scripts] : strings) {
    if (!s || s.length > 1_000_000) continue;
    for (const m of s.matchAll(URL_RE)) {
      const url = m[0].replace(/[.,;:!?)\]'"]+$/, '');
      const host = urlHost(url);
      if (!host || !hostWanted(host) && isIP(host) !== 6) continue;
      if (isIP(host) === 6 && !ipv6Wanted(host)) continue;
      urls.add(url);
      if (isIP(host) === 4) ips.add(host);
      else if (isIP(host) === 6) ips.add(host.toLowerCase());
      else domains.add(host.toLowerCase().replace(/\.$/, ''));
    }
    const whole = s.trim();
    for (const m of s.matchAll(IPV4_RE)) {
      const ip = m.slice(1, 5).join('.');
      if (!ipv4Wanted(ip)) continue;
      // a bare IP (optionally :port) is a strong signal; inside text, skip version-like 1.2.3.4
      const isWhole = whole === ip || whole.startsWith(ip + ':');
      const singleDigits = m.slice(1, 5).every((p) => p.length === 1);
      // ASN.1 OIDs start with arc 0, 1 or 2: "2.5.4.3" is a name, not an address
      if (singleDigits && (!isWhole || Number(m[1]) <= 2)) continue;
      ips.add(ip);
    }
    if (s.includes(':')) for (const m of s.matchAll(IPV6_RE)) if (ipv6Wanted(m[0])) ips.add(m[0].toLowerCase());
    for (const m of s.matchAll(HOST_RE)) {
      const host = m[1]!;
      const tld = m[2]!;
      if (!DOMAIN_TLDS.has(tld)) continue;
      if (host.split('.').some((l) => l.length > 63)) continue;
      domains.add(host);
    }
    for (const c of commandLines(s)) commands.add(c);
  }
  const sorted = (set: Set<string>): string[] => [...set].sort();
  return { urls: sorted(urls), ips: sorted(ips), domains: sorted(domains), commands: sorted(commands) };
}
