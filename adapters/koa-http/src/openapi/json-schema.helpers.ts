import type { JsonSchema } from './json-schema.types';

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

/** The JSON type of a literal value. */
export const jsonTypeOf = (v: unknown): JsonSchema['type'] =>
  v === null ? 'null' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : Number.isInteger(v) ? 'integer' : 'number';
