import type * as t from 'io-ts';
import type { JsonSchema } from './json-schema.types';
import { KNOWN_CUSTOM_TYPES, KNOWN_REFINEMENTS } from './known-refinements';

/** An io-ts codec seen through the fields its classes carry (each class has a `_tag`). */
interface Node {
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
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCodec = t.Type<any, any, any>;
const node = (c: AnyCodec | Node): Node => c as unknown as Node;

/** An object codec's fields: what parameters and merged intersections are made of. */
export interface ObjectParts {
  readonly properties: Record<string, JsonSchema>;
  readonly required: string[];
  /** Exact and strict codecs strip unknown keys, on decode and on encode. */
  readonly closed: boolean;
  /** The codecs of the fields, for callers that convert them another way. */
  readonly codecs: Readonly<Record<string, AnyCodec>>;
}

// Tags whose named codecs become `components/schemas` entries (scalars and arrays stay inline).
const COMPONENT_TAGS = new Set([
  'InterfaceType', 'PartialType', 'StrictType', 'ExactType', 'IntersectionType', 'UnionType', 'KeyofType',
  'DictionaryType', 'RecursiveType', 'ReadonlyType',
]);
// A name someone gave (`AuctionView`, `Paginated<AuctionView>`), not io-ts's default spelling of
// the structure (`{ id: string }`, `(A | B)`, `"a" | "b"`, `Partial<{ ... }>`).
const GIVEN_NAME = /^[A-Za-z_$][\w$]*(<[\w$<>, ]+>)?$/;
const ABSENT = new Set(['UndefinedType', 'VoidType']);

/** `Paginated<AuctionView>` → `Paginated_AuctionView` (component keys allow `[A-Za-z0-9._-]`). */
export const componentNameOf = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+$/, '');

/** A JSON Schema that also accepts `null`, in the plainest form that is still exact. */
export const withNull = (s: JsonSchema): JsonSchema => {
  if (s.$ref === undefined && typeof s.type === 'string' && s.anyOf === undefined && s.allOf === undefined) {
    const out: JsonSchema = { ...s, type: [s.type, 'null'] };
    // `enum`/`const` would still refuse null, whatever `type` says.
    if (s.enum) out.enum = [...s.enum, null];
    if ('const' in s) {
      delete out.const;
      out.enum = [s.const, null];
    }
    return out;
  }
  return { anyOf: [s, { type: 'null' }] };
};

const jsonTypeOf = (v: unknown): JsonSchema['type'] =>
  v === null ? 'null' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : Number.isInteger(v) ? 'integer' : 'number';

/**
 * Converts io-ts codecs to JSON Schema 2020-12 by walking their `_tag`s. Named object, union and
 * enum codecs are collected as shared schemas referenced by `$ref`; one converter serves a whole
 * document so each appears once. An unknown construct throws with its name: a new kind of codec
 * in the contracts must be taught here, not documented as "anything".
 */
export class JsonSchemaConverter {
  private readonly schemas = new Map<string, JsonSchema>();
  /** Every codec already converted to a component, and the component's name. */
  private readonly seen = new Map<Node, string>();
  private readonly pending = new Set<string>();

  constructor(private readonly refPrefix = '#/components/schemas/') {}

  /** The shared schemas met so far, by component name, sorted. */
  components(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  schemaOf(codec: AnyCodec): JsonSchema {
    const n = node(codec);
    if (!COMPONENT_TAGS.has(n._tag ?? '') || !GIVEN_NAME.test(n.name)) return this.body(n);
    const name = componentNameOf(n.name);
    const ref = { $ref: `${this.refPrefix}${name}` };
    // In progress: a recursive codec refers to itself.
    if (this.seen.has(n) || this.pending.has(name)) return ref;
    this.pending.add(name);
    try {
      const schema = this.body(n);
      const taken = this.schemas.get(name);
      // Generic codecs are rebuilt per use (`Paginated(AuctionView)` in each route): same name,
      // same schema is the same component; another schema under a taken name is a mistake.
      if (taken !== undefined && JSON.stringify(taken) !== JSON.stringify(schema)) {
        throw new Error(`two different codecs are both named "${n.name}": rename one`);
      }
      this.schemas.set(name, schema);
      this.seen.set(n, name);
    } finally {
      this.pending.delete(name);
    }
    return ref;
  }

  /** The fields of an object codec (type, partial, strict, exact, intersections of them), else null. */
  objectParts(codec: AnyCodec): ObjectParts | null {
    const n = node(codec);
    switch (n._tag) {
      case 'InterfaceType':
      case 'StrictType':
      case 'PartialType': {
        const props = n.props ?? {};
        const properties: Record<string, JsonSchema> = {};
        const required: string[] = [];
        for (const [key, prop] of Object.entries(props)) {
          properties[key] = this.schemaOf(prop as unknown as AnyCodec);
          if (n._tag !== 'PartialType' && !acceptsAbsent(prop)) required.push(key);
        }
        return { properties, required, closed: n._tag === 'StrictType', codecs: props as unknown as Record<string, AnyCodec> };
      }
      case 'ExactType': {
        const inner = n.type ? this.objectParts(n.type as unknown as AnyCodec) : null;
        return inner && { ...inner, closed: true };
      }
      case 'ReadonlyType':
        return n.type ? this.objectParts(n.type as unknown as AnyCodec) : null;
      case 'IntersectionType':
        return this.mergedParts(n.types ?? []);
      default:
        return null;
    }
  }

  // Merged rather than `allOf`: `required` stays right and `additionalProperties: false` can be
  // said of the whole (in an `allOf`, each member would refuse the others' fields).
  private mergedParts(members: readonly Node[]): ObjectParts | null {
    const parts = members.map((m) => this.objectParts(m as unknown as AnyCodec));
    if (parts.some((p) => p === null)) return null;
    const properties: Record<string, JsonSchema> = {};
    const codecs: Record<string, AnyCodec> = {};
    const required = new Set<string>();
    for (const p of parts as ObjectParts[]) {
      for (const [key, s] of Object.entries(p.properties)) {
        const seen = properties[key];
        properties[key] = seen === undefined || JSON.stringify(seen) === JSON.stringify(s) ? s : { allOf: [seen, s] };
        codecs[key] ??= p.codecs[key]!;
      }
      p.required.forEach((k) => required.add(k));
    }
    return { properties, required: [...required], closed: (parts as ObjectParts[]).every((p) => p.closed), codecs };
  }

  private objectSchema(p: ObjectParts): JsonSchema {
    const s: JsonSchema = { type: 'object', properties: p.properties };
    if (p.required.length > 0) s.required = p.required;
    if (p.closed) s.additionalProperties = false;
    return s;
  }

  private body(n: Node): JsonSchema {
    const c = n as unknown as AnyCodec;
    switch (n._tag) {
      case 'StringType': return { type: 'string' };
      case 'NumberType': return { type: 'number' };
      case 'BooleanType': return { type: 'boolean' };
      case 'NullType': return { type: 'null' };
      case 'UnknownType':
      case 'AnyType': return {};
      case 'NeverType': return { not: {} };
      case 'AnyArrayType': return { type: 'array' };
      case 'AnyDictionaryType':
      case 'ObjectType': return { type: 'object' };
      case 'LiteralType': return { type: jsonTypeOf(n.value), const: n.value };
      case 'KeyofType': return { type: 'string', enum: Object.keys(n.keys ?? {}) };
      case 'RefinementType': return this.refinement(n);
      // The definition of a recursion may carry the recursion's own name: it is the body, not a ref.
      case 'RecursiveType': return this.body(n.type!);
      case 'ReadonlyType': return this.schemaOf(n.type as unknown as AnyCodec);
      case 'ArrayType':
      case 'ReadonlyArrayType': return { type: 'array', items: this.schemaOf(n.type as unknown as AnyCodec) };
      case 'TupleType': {
        const items = (n.types ?? []).map((m) => this.schemaOf(m as unknown as AnyCodec));
        return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
      }
      case 'InterfaceType':
      case 'StrictType':
      case 'PartialType':
      case 'ExactType':
      case 'IntersectionType': {
        const parts = this.objectParts(c);
        if (parts) return this.objectSchema(parts);
        if (n._tag === 'ExactType') return this.schemaOf(n.type as unknown as AnyCodec);
        return { allOf: (n.types ?? []).map((m) => this.schemaOf(m as unknown as AnyCodec)) };
      }
      case 'DictionaryType': return this.dictionary(n);
      case 'UnionType': return this.union(n);
      case undefined: {
        const known = KNOWN_CUSTOM_TYPES[n.name];
        if (known) return structuredClone(known);
        throw new Error(`no JSON Schema for the custom codec "${n.name}": add it to KNOWN_CUSTOM_TYPES`);
      }
      default:
        throw new Error(`no JSON Schema for ${n._tag} "${n.name}"`);
    }
  }

  private refinement(n: Node): JsonSchema {
    const known = KNOWN_REFINEMENTS[n.name];
    if (!known) throw new Error(`no JSON Schema for the refinement "${n.name}": add it to KNOWN_REFINEMENTS`);
    return { ...this.schemaOf(n.type as unknown as AnyCodec), ...structuredClone(known) };
  }

  private dictionary(n: Node): JsonSchema {
    const values = this.schemaOf(n.codomain as unknown as AnyCodec);
    const domain = n.domain!;
    // io-ts requires every key of a `keyof` domain: that is an object with those fields.
    if (domain._tag === 'KeyofType') {
      const keys = Object.keys(domain.keys ?? {});
      return { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, values])), required: keys, additionalProperties: false };
    }
    const s: JsonSchema = { type: 'object', additionalProperties: values };
    if (domain._tag !== 'StringType') s.propertyNames = this.schemaOf(domain as unknown as AnyCodec);
    return s;
  }

  private union(n: Node): JsonSchema {
    // `X | undefined` means "may be absent", which the enclosing object's `required` says.
    const members = (n.types ?? []).filter((m) => !ABSENT.has(m._tag ?? ''));
    const isNull = (m: Node) => m._tag === 'NullType' || (m._tag === 'LiteralType' && m.value === null);
    const rest = members.filter((m) => !isNull(m));
    const nullable = rest.length < members.length;
    // A union of string literals is an enum, the way a client generator expects one.
    if (rest.length > 1 && rest.every((m) => m._tag === 'LiteralType' && typeof m.value === 'string')) {
      const e: JsonSchema = { type: 'string', enum: rest.map((m) => m.value) };
      return nullable ? withNull(e) : e;
    }
    const schemas = rest.map((m) => this.schemaOf(m as unknown as AnyCodec));
    if (schemas.length === 0) return { type: 'null' };
    const one = schemas.length === 1 ? schemas[0]! : { anyOf: schemas };
    return nullable ? withNull(one) : one;
  }
}

/** True for a field codec that accepts `undefined` (`t.union([X, t.undefined])`): not required. */
const acceptsAbsent = (n: Node): boolean => {
  if (ABSENT.has(n._tag ?? '')) return true;
  if (n._tag === 'UnionType') return (n.types ?? []).some(acceptsAbsent);
  if (n._tag === 'ReadonlyType' && n.type) return acceptsAbsent(n.type);
  return false;
};

/** One codec as a standalone schema, its shared parts under `$defs` (tests, tools). */
export const jsonSchemaOf = (codec: AnyCodec): JsonSchema & { $schema: string; $defs?: Record<string, JsonSchema> } => {
  const converter = new JsonSchemaConverter('#/$defs/');
  const schema = converter.schemaOf(codec);
  const defs = converter.components();
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...schema,
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
};
