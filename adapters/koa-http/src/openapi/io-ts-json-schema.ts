import { withNull, jsonTypeOf } from './json-schema.helpers';
import type { JsonSchema } from './json-schema.types';
import { acceptsAbsent, type AnyCodec, componentNameOf, isAbsent, isComponent, type Node, nodeOf } from './io-ts-node';
import { KNOWN_CUSTOM_TYPES, KNOWN_REFINEMENTS } from './known-refinements';

export { withNull } from './json-schema.helpers';
export { componentNameOf, type AnyCodec } from './io-ts-node';

/** An object codec's fields: what parameters and merged intersections are made of. */
export interface ObjectParts {
  readonly properties: Record<string, JsonSchema>;
  readonly required: string[];
  /** Exact and strict codecs strip unknown keys, on decode and on encode. */
  readonly closed: boolean;
}

/**
 * Converts io-ts codecs to JSON Schema 2020-12 by walking their `_tag`s. Named object, union and
 * enum codecs are collected as shared schemas referenced by `$ref`; one converter serves a whole
 * document so each appears once. An unknown construct throws with its name: a new kind of codec
 * in the contracts must be taught here, not documented as "anything".
 *
 * Exact and strict objects are closed (`additionalProperties: false`) in requests and responses
 * alike: the codecs strip unknown keys both ways, and one schema per name serves both directions.
 */
export class JsonSchemaConverter {
  private readonly schemas = new Map<string, JsonSchema>();
  /** Every codec already converted to a component. */
  private readonly seen = new Set<Node>();
  private readonly pending = new Set<string>();

  constructor(private readonly refPrefix = '#/components/schemas/') {}

  /** The shared schemas met so far, by component name, sorted. */
  components(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  schemaOf(codec: AnyCodec): JsonSchema {
    return this.schema(nodeOf(codec));
  }

  /** The fields of an object codec (type, partial, strict, exact, intersections of them), else null. */
  objectParts(codec: AnyCodec): ObjectParts | null {
    return this.parts(nodeOf(codec));
  }

  private schema(n: Node): JsonSchema {
    if (!isComponent(n)) return this.body(n);
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
      this.seen.add(n);
    } finally {
      this.pending.delete(name);
    }
    return ref;
  }

  private parts(n: Node): ObjectParts | null {
    switch (n._tag) {
      case 'InterfaceType':
      case 'StrictType':
      case 'PartialType': {
        const properties: Record<string, JsonSchema> = {};
        const required: string[] = [];
        for (const [key, prop] of Object.entries(n.props ?? {})) {
          properties[key] = this.schema(prop);
          if (n._tag !== 'PartialType' && !acceptsAbsent(prop)) required.push(key);
        }
        return { properties, required, closed: n._tag === 'StrictType' };
      }
      case 'ExactType': {
        const inner = n.type ? this.parts(n.type) : null;
        return inner && { ...inner, closed: true };
      }
      case 'ReadonlyType':
        return n.type ? this.parts(n.type) : null;
      case 'IntersectionType':
        return this.merged(n.types ?? []);
      default:
        return null;
    }
  }

  // Merged rather than `allOf`: `required` stays right and `additionalProperties: false` can be
  // said of the whole (in an `allOf`, each member would refuse the others' fields).
  private merged(members: readonly Node[]): ObjectParts | null {
    const parts: ObjectParts[] = [];
    for (const m of members) {
      const p = this.parts(m);
      if (!p) return null;
      parts.push(p);
    }
    const properties: Record<string, JsonSchema> = {};
    const required = new Set<string>();
    for (const p of parts) {
      for (const [key, s] of Object.entries(p.properties)) {
        const seen = properties[key];
        properties[key] = seen === undefined || JSON.stringify(seen) === JSON.stringify(s) ? s : { allOf: [seen, s] };
      }
      p.required.forEach((k) => required.add(k));
    }
    return { properties, required: [...required], closed: parts.every((p) => p.closed) };
  }

  private body(n: Node): JsonSchema {
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
      case 'ReadonlyType': return this.schema(n.type!);
      case 'ArrayType':
      case 'ReadonlyArrayType': return { type: 'array', items: this.schema(n.type!) };
      case 'TupleType': {
        const items = (n.types ?? []).map((m) => this.schema(m));
        return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
      }
      case 'InterfaceType':
      case 'StrictType':
      case 'PartialType':
      case 'ExactType':
      case 'IntersectionType': {
        const p = this.parts(n);
        if (p) {
          const s: JsonSchema = { type: 'object', properties: p.properties };
          if (p.required.length > 0) s.required = p.required;
          if (p.closed) s.additionalProperties = false;
          return s;
        }
        if (n._tag === 'ExactType') return this.schema(n.type!);
        return { allOf: (n.types ?? []).map((m) => this.schema(m)) };
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
    return { ...this.schema(n.type!), ...structuredClone(known) };
  }

  private dictionary(n: Node): JsonSchema {
    const values = this.schema(n.codomain!);
    const domain = n.domain!;
    // io-ts requires every key of a `keyof` domain: that is an object with those fields.
    if (domain._tag === 'KeyofType') {
      const keys = Object.keys(domain.keys ?? {});
      return { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, values])), required: keys, additionalProperties: false };
    }
    const s: JsonSchema = { type: 'object', additionalProperties: values };
    if (domain._tag !== 'StringType') s.propertyNames = this.schema(domain);
    return s;
  }

  private union(n: Node): JsonSchema {
    // `X | undefined` means "may be absent", which the enclosing object's `required` says.
    const members = (n.types ?? []).filter((m) => !isAbsent(m));
    const isNull = (m: Node) => m._tag === 'NullType' || (m._tag === 'LiteralType' && m.value === null);
    const rest = members.filter((m) => !isNull(m));
    const nullable = rest.length < members.length;
    // A union of string literals is an enum, the way a client generator expects one.
    if (rest.length > 1 && rest.every((m) => m._tag === 'LiteralType' && typeof m.value === 'string')) {
      const e: JsonSchema = { type: 'string', enum: rest.map((m) => m.value) };
      return nullable ? withNull(e) : e;
    }
    const schemas = rest.map((m) => this.schema(m));
    if (schemas.length === 0) return { type: 'null' };
    const one = schemas.length === 1 ? schemas[0]! : { anyOf: schemas };
    return nullable ? withNull(one) : one;
  }
}

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
