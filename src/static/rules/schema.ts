// The shape of one rule document as written in YAML (docs/RULES.md). Unknown keys are rejected.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const CATEGORIES = [
  'exec',
  'network',
  'import-time',
  'obfuscation',
  'persistence',
  'credential-access',
  'exfiltration',
  'destructive',
  'evasion',
  'embedded-binary',
  'cgo',
  'supply-chain',
] as const;
export const RULE_CONTEXTS = ['init', 'package-var', 'reachable-from-init', 'import-time', 'function', 'main'] as const;
export type RuleContext = (typeof RULE_CONTEXTS)[number];

// Plain `enum` (not a union of literals) so ajv reports one readable "allowed values" error.
function stringEnum<T extends readonly string[]>(values: T) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
}

const StringOrList = Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })]);
function oneOrList<T extends TSchema>(item: T) {
  return Type.Union([item, Type.Array(item, { minItems: 1 })]);
}

export const RegexSpec = Type.Object(
  { regex: Type.String({ minLength: 1 }), flags: Type.Optional(Type.String({ pattern: '^[imsu]*$' })) },
  { additionalProperties: false },
);
export type RegexSpec = Static<typeof RegexSpec>;

export const CalleeSpec = Type.Object(
  { package: StringOrList, name: Type.Optional(StringOrList) },
  { additionalProperties: false },
);
export type CalleeSpec = Static<typeof CalleeSpec>;

export const Condition = Type.Recursive(
  (This) =>
    Type.Object(
      {
        callee: Type.Optional(oneOrList(CalleeSpec)),
        import: Type.Optional(StringOrList),
        text: Type.Optional(oneOrList(RegexSpec)),
        'text-with-values': Type.Optional(oneOrList(RegexSpec)),
        'text-with-code': Type.Optional(oneOrList(RegexSpec)),
        'flows-from': Type.Optional(oneOrList(RegexSpec)),
        'in-function': Type.Optional(oneOrList(RegexSpec)),
        'any-of': Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
        recovered: Type.Optional(oneOrList(RegexSpec)),
        'recovered-hidden': Type.Optional(oneOrList(RegexSpec)),
        not: Type.Optional(This),
        'min-length': Type.Optional(Type.Integer({ minimum: 0 })),
        any: Type.Optional(Type.Array(This, { minItems: 1 })),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
  { $id: 'GosnareRuleCondition' },
);
export type Condition = Static<typeof Condition>;

export const RuleDoc = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
    severity: stringEnum(SEVERITIES),
    category: stringEnum(CATEGORIES),
    message: Type.String({ minLength: 1, pattern: '^[^\\n]*$' }),
    description: Type.String({ minLength: 1 }),
    references: Type.Optional(Type.Array(Type.String())),
    query: Type.String({ minLength: 1 }),
    where: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' }), Condition)),
    context: Type.Optional(Type.Array(stringEnum(RULE_CONTEXTS), { minItems: 1 })),
    file: Type.Optional(
      Type.Object(
        {
          imports: Type.Optional(StringOrList),
          path: Type.Optional(Type.String({ minLength: 1 })),
          text: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    tests: Type.Object(
      {
        match: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        'no-match': Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type RuleDoc = Static<typeof RuleDoc>;
