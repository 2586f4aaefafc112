// The result of analysing one module: the published contract (schema/result.schema.json is
// generated from this file by `npm run schema`; a test keeps the two in step).
import { Type, type Static } from '@sinclair/typebox';

export const SCHEMA_VERSION = '1.6.0';

export const Severity = Type.Union(
  [Type.Literal('info'), Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('critical')],
  { description: 'How bad a finding is on its own' },
);
export type Severity = Static<typeof Severity>;

export const Category = Type.Union([
  Type.Literal('exec'),
  Type.Literal('network'),
  Type.Literal('import-time'),
  Type.Literal('obfuscation'),
  Type.Literal('persistence'),
  Type.Literal('credential-access'),
  Type.Literal('exfiltration'),
  Type.Literal('destructive'),
  Type.Literal('evasion'),
  Type.Literal('embedded-binary'),
  Type.Literal('cgo'),
  Type.Literal('supply-chain'),
]);
export type Category = Static<typeof Category>;

export const Finding = Type.Object({
  ruleId: Type.String(),
  severity: Severity,
  category: Category,
  message: Type.String(),
  file: Type.String({ description: 'Path relative to the module root, forward slashes' }),
  line: Type.Integer({ minimum: 1 }),
  column: Type.Integer({ minimum: 1 }),
  endLine: Type.Optional(Type.Integer({ minimum: 1 })),
  snippet: Type.String(),
  recoveredStrings: Type.Array(Type.String(), { description: 'Strings recovered by constant folding/decoding that made the rule fire' }),
  context: Type.Optional(
    Type.Union([Type.Literal('init'), Type.Literal('package-var'), Type.Literal('reachable-from-init'), Type.Literal('function'), Type.Literal('main')], {
      description: 'Where the matched code runs: init(), a package-level initializer, a function called from those, an ordinary function, or main()',
    }),
  ),
  function: Type.Optional(Type.String({ description: 'Enclosing function or method name' })),
  notBuilt: Type.Optional(
    Type.Boolean({
      description: 'The file never builds into a dependent: it is behind `//go:build ignore`, or its package is internal and only test files of the module import it',
    }),
  ),
  platformConstraint: Type.Optional(
    Type.String({
      description:
        'Set when the file builds for none of linux, darwin and windows (where developers and CI build a dependent): the constraint that says so, e.g. `file name _android.go` or `//go:build plan9`',
    }),
  ),
  notInDefaultBuilds: Type.Optional(
    Type.Boolean({
      description:
        'No default build (any GOOS and GOARCH, no `-tags`) compiles this code into a dependent: its file needs a build tag, or its package is internal and only files that need other platforms or tags import it (fyne\'s internal/driver/mobile/app, imported only under `//go:build android || ios || mobile`, and its windows-only files)',
    }),
  ),
  disabledBy: Type.Optional(
    Type.String({
      description:
        'Set when the code sits under an `if` on a package constant that is false in every default build (no `-tags`) of linux, darwin and windows, so the compiler drops it: the condition and where the constant is declared, e.g. `if PerfMapEnabled (false in default builds, perfmap_disabled.go)`',
    }),
  ),
  envGate: Type.Optional(
    Type.String({
      description:
        'Set on import-time code that runs only when the process was started with an environment variable the package names (not one machines or CI runners set, not a credential\'s): the init\'s gate, e.g. `if os.Getenv("TS_VMTEST_QEMU_WRAPPER") == "" { return }`. A re-exec helper: the program starts itself again with the variable set; an importer never sets it',
    }),
  ),
  importTimeCaller: Type.Optional(
    Type.Object(
      {
        file: Type.String({ description: 'File of the calling package, relative to the module root' }),
        line: Type.Integer({ minimum: 1 }),
        function: Type.String({ description: 'The function of this package it calls' }),
      },
      {
        description:
          'Set when this code runs at import time only because another package of the module calls into this package from its own import-time code (an init, a package-level initializer, or a function they reach): that call',
      },
    ),
  ),
});
export type Finding = Static<typeof Finding>;

/** The contexts in which code runs when its package is imported (init, a package initializer, what they reach). */
const IMPORT_TIME_CONTEXTS: ReadonlySet<string> = new Set(['init', 'package-var', 'reachable-from-init']);

export function runsAtImport(f: Pick<Finding, 'context'>): boolean {
  return f.context !== undefined && IMPORT_TIME_CONTEXTS.has(f.context);
}

export const Iocs = Type.Object({
  urls: Type.Array(Type.String()),
  ips: Type.Array(Type.String()),
  domains: Type.Array(Type.String()),
  commands: Type.Array(Type.String()),
});
export type Iocs = Static<typeof Iocs>;

export const StaticResult = Type.Object({
  filesScanned: Type.Integer({ minimum: 0 }),
  bytesScanned: Type.Integer({ minimum: 0 }),
  parseErrors: Type.Array(Type.Object({ file: Type.String(), line: Type.Integer(), message: Type.String() })),
  imports: Type.Array(Type.String(), { description: 'Distinct import paths used by the module' }),
  findings: Type.Array(Finding),
  iocs: Iocs,
  recoveredStrings: Type.Array(
    Type.Object({ file: Type.String(), line: Type.Integer(), value: Type.String(), how: Type.String() }),
    { description: 'Strings that only exist after folding/decoding (not plain literals)' },
  ),
  durationMs: Type.Number(),
});
export type StaticResult = Static<typeof StaticResult>;

export const PhaseStatus = Type.Union([
  Type.Literal('completed'),
  Type.Literal('timeout'),
  Type.Literal('crashed'),
  Type.Literal('build-failed'),
  Type.Literal('skipped'),
  Type.Literal('error'),
]);
export type PhaseStatus = Static<typeof PhaseStatus>;

export const ProcessEvent = Type.Object({
  pid: Type.Integer(),
  ppid: Type.Integer({ description: '0 when the parent is outside the traced tree' }),
  argv: Type.Array(Type.String()),
  path: Type.String({ description: 'Executable path given to execve' }),
  cwd: Type.Optional(Type.String()),
  exitCode: Type.Optional(Type.Integer()),
  ts: Type.Number({ description: 'Seconds since the phase started' }),
});
export type ProcessEvent = Static<typeof ProcessEvent>;

export const DnsQuery = Type.Object({
  name: Type.String(),
  type: Type.String(),
  proto: Type.Union([Type.Literal('udp'), Type.Literal('tcp')]),
  answer: Type.Optional(Type.String()),
  ts: Type.Number(),
});
export type DnsQuery = Static<typeof DnsQuery>;

export const HttpRequest = Type.Object({
  method: Type.String(),
  host: Type.String(),
  path: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
  bodyPrefix: Type.String(),
  tls: Type.Boolean(),
});
export type HttpRequest = Static<typeof HttpRequest>;

export const Connection = Type.Object({
  proto: Type.Union([Type.Literal('tcp'), Type.Literal('udp'), Type.Literal('raw'), Type.Literal('unix')]),
  family: Type.Union([Type.Literal('ipv4'), Type.Literal('ipv6'), Type.Literal('unix')]),
  dst: Type.Object({ ip: Type.String(), port: Type.Integer() }),
  host: Type.Optional(Type.String({ description: 'Name this address was handed out for by the fake DNS, or TLS SNI / HTTP Host' })),
  pid: Type.Optional(Type.Integer()),
  sni: Type.Optional(Type.String()),
  http: Type.Optional(HttpRequest),
  firstBytes: Type.Optional(Type.String({ description: 'First bytes sent, base64' })),
  firstBytesText: Type.Optional(Type.String({ description: 'First bytes sent, printable rendering' })),
  ts: Type.Number(),
});
export type Connection = Static<typeof Connection>;

export const FileEvent = Type.Object({
  path: Type.String(),
  op: Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('delete'), Type.Literal('chmod'), Type.Literal('rename')]),
  pid: Type.Integer(),
  bait: Type.Optional(Type.Boolean({ description: 'A planted credential file' })),
  ts: Type.Number(),
});
export type FileEvent = Static<typeof FileEvent>;

export const TimelineEvent = Type.Object({
  ts: Type.Number(),
  kind: Type.Union([
    Type.Literal('exec'),
    Type.Literal('exit'),
    Type.Literal('dns'),
    Type.Literal('connect'),
    Type.Literal('http'),
    Type.Literal('file'),
    Type.Literal('signal'),
    Type.Literal('note'),
  ]),
  pid: Type.Optional(Type.Integer()),
  summary: Type.String(),
  tags: Type.Optional(
    Type.Array(Type.Union([Type.Literal('sandbox-check'), Type.Literal('tracer-attack'), Type.Literal('bait')]), {
      description: 'What the event means for the verdict: looked for signs of a sandbox, tried to stop or blind the tracer, touched a planted credential',
    }),
  ),
});
export type TimelineEvent = Static<typeof TimelineEvent>;

export const Phase = Type.Object({
  name: Type.String({ description: 'build, import (blank-import every package), or main:<pkg>' }),
  status: PhaseStatus,
  exitCode: Type.Optional(Type.Integer()),
  durationMs: Type.Number(),
  stdoutTail: Type.String(),
  stderrTail: Type.String(),
  outputTruncated: Type.Boolean(),
  processes: Type.Array(ProcessEvent),
  network: Type.Object({ dns: Type.Array(DnsQuery), connections: Type.Array(Connection) }),
  files: Type.Array(FileEvent),
  timeline: Type.Array(TimelineEvent),
  error: Type.Optional(Type.String()),
});
export type Phase = Static<typeof Phase>;

export const DynamicResult = Type.Object({
  image: Type.String(),
  phases: Type.Array(Phase),
  durationMs: Type.Number(),
});
export type DynamicResult = Static<typeof DynamicResult>;

export const VerdictLevel = Type.Union([Type.Literal('clean'), Type.Literal('suspicious'), Type.Literal('malicious')]);
export type VerdictLevel = Static<typeof VerdictLevel>;

export const Reason = Type.Object({
  source: Type.Union([Type.Literal('static'), Type.Literal('dynamic'), Type.Literal('module')]),
  category: Type.String(),
  weight: Type.Number(),
  grade: Type.Union([Type.Literal('malicious'), Type.Literal('suspicious'), Type.Literal('info')]),
  message: Type.String(),
  evidence: Type.String({ description: 'rule id + file:line, or the recorded process / connection' }),
  confirmed: Type.Optional(Type.Boolean({ description: 'Seen statically and confirmed by the dynamic run' })),
});
export type Reason = Static<typeof Reason>;

export const Verdict = Type.Object({
  level: VerdictLevel,
  score: Type.Number(),
  reasons: Type.Array(Reason),
});
export type Verdict = Static<typeof Verdict>;

export const ModuleInfo = Type.Object({
  path: Type.String(),
  version: Type.String({ description: 'Empty for a local directory without a version' }),
  source: Type.Union([Type.Literal('dir'), Type.Literal('zip'), Type.Literal('proxy')]),
  location: Type.String({ description: 'Directory, zip path or proxy URL' }),
  goVersion: Type.Optional(Type.String()),
  requires: Type.Array(Type.Object({ path: Type.String(), version: Type.String() })),
  h1: Type.Optional(Type.String({ description: 'go.sum h1: hash of the module zip/tree' })),
  h1Mod: Type.Optional(Type.String({ description: 'go.sum h1: hash of go.mod' })),
  typosquatOf: Type.Optional(Type.String()),
});
export type ModuleInfo = Static<typeof ModuleInfo>;

export const AnalysisResult = Type.Object(
  {
    // Any 1.x: minor versions only add optional fields, so results written by an earlier 1.x still read
    // (a batch resumed after an upgrade, a report of an old result).
    schemaVersion: Type.String({ pattern: '^1\\.[0-9]+\\.[0-9]+$', description: `Version of this schema (this one: ${SCHEMA_VERSION}); minor versions only add optional fields` }),
    tool: Type.Object({ name: Type.Literal('gosnare'), version: Type.String(), rulePackHash: Type.String() }),
    target: Type.String({ description: 'The target as the user gave it' }),
    startedAt: Type.String({ format: 'date-time' }),
    module: ModuleInfo,
    static: StaticResult,
    dynamic: Type.Optional(DynamicResult),
    moduleFindings: Type.Array(Finding, { description: 'Findings about the module as a whole (integrity, typosquat)' }),
    verdict: Verdict,
  },
  { $id: 'https://gosnare.dev/schema/result-1.json', title: 'gosnare analysis result' },
);
export type AnalysisResult = Static<typeof AnalysisResult>;
