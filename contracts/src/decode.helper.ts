import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { CODEC_DESCRIPTIONS } from './codec-descriptions';

/** A decoded value, or per-field reasons an adapter answers as 400 VALIDATION_ERROR `details`. */
export type DecodeResult<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly details: Record<string, string> };

/** The key of a failure of the input as a whole (not an object, missing body...). */
export const ROOT_PATH = '$';

export const decode = <C extends t.Mixed>(codec: C, input: unknown): DecodeResult<t.TypeOf<C>> => {
  const result = codec.decode(input) as t.Validation<t.TypeOf<C>>;
  return isRight(result) ? { ok: true, value: result.right } : { ok: false, details: errorDetails(result.left) };
};

// io-ts codecs are classes with a `_tag`; reading it through this shape avoids `any`.
interface Node {
  readonly _tag?: string;
  readonly name: string;
  readonly type?: Node;
  readonly types?: readonly Node[];
  readonly keys?: Readonly<Record<string, unknown>>;
  readonly value?: unknown;
}
const node = (d: t.Decoder<unknown, unknown>): Node => d as unknown as Node;

/** Looks through wrappers that validate with their parent's context (exact, brand, readonly). */
const unwrap = (n: Node): Node => {
  let c = n;
  while ((c._tag === 'ExactType' || c._tag === 'RefinementType' || c._tag === 'ReadonlyType') && c.type) c = c.type;
  return c;
};
const tagAt = (ctx: t.Context, i: number): string | undefined => (i >= 0 && i < ctx.length ? unwrap(node(ctx[i]!.type))._tag : undefined);

/** Keys of union and intersection members are indexes of the codec, not fields of the input. */
const segments = (ctx: t.Context, from = 1): string[] => {
  const out: string[] = [];
  for (let i = Math.max(1, from); i < ctx.length; i++) {
    const parent = tagAt(ctx, i - 1);
    if (parent !== 'UnionType' && parent !== 'IntersectionType') out.push(ctx[i]!.key);
  }
  return out;
};

const OBJECTS = new Set(['InterfaceType', 'PartialType', 'ExactType', 'StrictType', 'IntersectionType', 'DictionaryType']);
const SCALARS: Record<string, string> = { StringType: 'a string', NumberType: 'a number', BooleanType: 'a boolean', NullType: 'null', ArrayType: 'an array' };

/** A noun phrase for what `n` accepts: "a UUID", "one of forward, reverse", "a UUID or null". */
const describeNode = (n: Node): string => {
  const known = CODEC_DESCRIPTIONS[n.name];
  if (known) return known;
  const tag = n._tag ?? '';
  if (tag === 'LiteralType') return JSON.stringify(n.value);
  if (tag === 'KeyofType') return `one of ${Object.keys(n.keys ?? {}).join(', ')}`;
  if (tag === 'UnionType') return [...new Set((n.types ?? []).map(describeNode))].join(' or ');
  if (OBJECTS.has(tag)) return 'an object';
  if (tag === 'RefinementType' && n.type) return describeNode(n.type);
  return SCALARS[tag] ?? n.name;
};

export const describeCodec = (codec: t.Decoder<unknown, unknown>): string => describeNode(node(codec));

interface Issue {
  readonly ctx: t.Context;
  readonly message?: string;
  /** Set when the issue stands for a whole union none of whose members came close. */
  readonly union?: boolean;
}

/**
 * A union reports the failures of every member. Keep those of the member that came closest
 * (it failed on a field inside, fewest failures first); when every member failed on the value
 * itself, report the union once ("must be a positive integer or "table" or ...").
 */
const pruneUnions = (issues: readonly Issue[], from: number): Issue[] => {
  const done: Issue[] = [];
  const groups = new Map<string, { at: number; issues: Issue[] }>();
  for (const issue of issues) {
    let at = -1;
    for (let i = from; i < issue.ctx.length; i++) if (tagAt(issue.ctx, i) === 'UnionType') { at = i; break; }
    if (at < 0 || issue.union) { done.push(issue); continue; }
    const key = `${at}\u0000${issue.ctx.slice(1, at + 1).map((e) => e.key).join('\u0000')}`;
    const group = groups.get(key) ?? { at, issues: [] };
    group.issues.push(issue);
    groups.set(key, group);
  }
  for (const { at, issues: group } of groups.values()) {
    const members = new Map<string, Issue[]>();
    for (const issue of group) {
      const member = issue.ctx[at + 1]?.key ?? '';
      members.set(member, [...(members.get(member) ?? []), issue]);
    }
    const deep = [...members.entries()].filter(([m, list]) => m !== '' && list.some((i) => segments(i.ctx, at + 2).length > 0));
    const best = deep.reduce<Issue[] | null>((b, [, list]) => (b === null || list.length < b.length ? list : b), null);
    if (best) done.push(...pruneUnions(best, at + 2));
    else done.push({ ctx: group[0]!.ctx.slice(0, at + 1), union: true });
  }
  return done;
};

/** `{ "<dotted.path>": "<reason>" }` for io-ts errors; the first reason of a path wins. */
export const errorDetails = (errors: t.Errors): Record<string, string> => {
  // A Map, then fromEntries: a field named `__proto__` or `constructor` stays a plain key.
  const details = new Map<string, string>();
  const issues = pruneUnions(errors.map((e) => ({ ctx: e.context, ...(e.message ? { message: e.message } : {}) })), 0);
  for (const issue of issues) {
    const path = segments(issue.ctx).join('.') || ROOT_PATH;
    if (details.has(path)) continue;
    const last = issue.ctx[issue.ctx.length - 1];
    details.set(path, issue.message ?? (last === undefined || last.actual === undefined ? 'is required' : `must be ${describeCodec(last.type)}`));
  }
  return Object.fromEntries(details);
};
