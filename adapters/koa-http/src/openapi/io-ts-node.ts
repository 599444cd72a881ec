import type * as t from 'io-ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCodec = t.Type<any, any, any>;

/** An io-ts codec seen through the fields its classes carry (each class has a `_tag`). */
export interface Node {
  readonly _tag?: string;
  readonly name: string;
  readonly type?: Node;
  readonly types?: readonly Node[];
  readonly props?: Readonly<Record<string, Node>>;
  readonly keys?: Readonly<Record<string, unknown>>;
  readonly value?: unknown;
  readonly domain?: Node;
  readonly codomain?: Node;
}
export const nodeOf = (c: AnyCodec): Node => c as unknown as Node;

// Tags whose named codecs become `components/schemas` entries (scalars and arrays stay inline).
const COMPONENT_TAGS = new Set([
  'InterfaceType', 'PartialType', 'StrictType', 'ExactType', 'IntersectionType', 'UnionType', 'KeyofType',
  'DictionaryType', 'RecursiveType', 'ReadonlyType',
]);
// A name someone gave (`AuctionView`, `Paginated<AuctionView>`), not io-ts's default spelling of
// the structure (`{ id: string }`, `(A | B)`, `"a" | "b"`, `Partial<{ ... }>`).
const GIVEN_NAME = /^[A-Za-z_$][\w$]*(<[\w$<>, ]+>)?$/;

/** True for a codec shared as a component: a named object, union, enum, record or recursion. */
export const isComponent = (n: Node): boolean => COMPONENT_TAGS.has(n._tag ?? '') && GIVEN_NAME.test(n.name);

/** `Paginated<AuctionView>` → `Paginated_AuctionView` (component keys allow `[A-Za-z0-9._-]`). */
export const componentNameOf = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+$/, '');

/** `undefined` and `void` members of a union mean "may be absent". */
export const isAbsent = (n: Node): boolean => n._tag === 'UndefinedType' || n._tag === 'VoidType';

/** True for a field codec that accepts `undefined` (`t.union([X, t.undefined])`): not required. */
export const acceptsAbsent = (n: Node): boolean => {
  if (isAbsent(n)) return true;
  if (n._tag === 'UnionType') return (n.types ?? []).some(acceptsAbsent);
  if (n._tag === 'ReadonlyType' && n.type) return acceptsAbsent(n.type);
  return false;
};
