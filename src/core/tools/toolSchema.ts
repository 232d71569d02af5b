// The tools' input schemas: one literal per tool is the JSON Schema sent to the model, the runtime validator
// and (through `InputOf`) the handler's TypeScript type. Only the small subset the tools use is supported.
import type { JsonSchemaObject } from '../llm/modelClient';

export interface StringSchema {
  readonly type: 'string';
  readonly description?: string;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
}
export interface IntegerSchema {
  readonly type: 'integer';
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}
export interface BooleanSchema {
  readonly type: 'boolean';
  readonly description?: string;
}
export interface ArraySchema {
  readonly type: 'array';
  readonly description?: string;
  readonly items: Schema;
  readonly maxItems?: number;
}
export interface ObjectSchema {
  readonly type: 'object';
  readonly description?: string;
  readonly properties: { readonly [name: string]: Schema };
  readonly required: readonly string[];
  readonly additionalProperties: false;
}
export type Schema = StringSchema | IntegerSchema | BooleanSchema | ArraySchema | ObjectSchema;

/** The TypeScript value a schema accepts. */
export type InputOf<S> = S extends ObjectSchema
  ? ObjectOf<S>
  : S extends ArraySchema
    ? InputOf<S['items']>[]
    : S extends { readonly type: 'string'; readonly enum: readonly (infer E)[] }
      ? E
      : S extends StringSchema
        ? string
        : S extends IntegerSchema
          ? number
          : S extends BooleanSchema
            ? boolean
            : never;

type ObjectOf<S extends ObjectSchema> = Flatten<
  { -readonly [K in keyof S['properties'] & S['required'][number]]: InputOf<S['properties'][K]> } & {
    -readonly [K in Exclude<keyof S['properties'], S['required'][number]>]?: InputOf<S['properties'][K]>;
  }
>;
type Flatten<T> = { [K in keyof T]: T[K] };

/** The schema as the ModelClient's ToolSpec wants it (a plain mutable copy). */
export function toJsonSchema(schema: ObjectSchema): JsonSchemaObject {
  const copy = JSON.parse(JSON.stringify(schema)) as JsonSchemaObject;
  return copy;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Checks `input` against the schema; problems name the field and say what was expected. */
export function validateInput<S extends ObjectSchema>(schema: S, input: unknown): Validation<InputOf<S>> {
  const problems: string[] = [];
  check(schema, input, '', problems);
  return problems.length === 0 ? { ok: true, value: withoutNulls(schema, input) as InputOf<S> } : { ok: false, problems };
}

/** A validated value with optional fields sent as null dropped (models sometimes send null for "absent"). */
function withoutNulls(schema: Schema, value: unknown): unknown {
  if (schema.type === 'array' && Array.isArray(value)) return value.map((item: unknown) => withoutNulls(schema.items, item));
  if (schema.type !== 'object' || typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const fieldSchema = schema.properties[key];
    if (field !== null && field !== undefined && fieldSchema) result[key] = withoutNulls(fieldSchema, field);
  }
  return result;
}

function check(schema: Schema, value: unknown, at: string, problems: string[]): void {
  const name = at === '' ? 'the input' : `"${at}"`;
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return void problems.push(`${name} must be a string, got ${describe(value)}`);
      if (schema.enum && !schema.enum.includes(value)) {
        return void problems.push(`${name} must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(value)}`);
      }
      if (schema.minLength !== undefined && value.length < schema.minLength) {
        return void problems.push(schema.minLength === 1 ? `${name} must not be empty` : `${name} must have at least ${schema.minLength} characters`);
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        return void problems.push(`${name} must have at most ${schema.maxLength} characters (got ${value.length})`);
      }
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return void problems.push(`${name} must be an integer, got ${describe(value)}`);
      if (schema.minimum !== undefined && value < schema.minimum) return void problems.push(`${name} must be at least ${schema.minimum}, got ${value}`);
      if (schema.maximum !== undefined && value > schema.maximum) return void problems.push(`${name} must be at most ${schema.maximum}, got ${value}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') return void problems.push(`${name} must be true or false, got ${describe(value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) return void problems.push(`${name} must be an array, got ${describe(value)}`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        return void problems.push(`${name} must have at most ${schema.maxItems} items (got ${value.length})`);
      }
      value.forEach((item: unknown, i: number) => check(schema.items, item, `${at}[${i}]`, problems));
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return void problems.push(`${name} must be an object, got ${describe(value)}`);
      }
      const record = value as Record<string, unknown>;
      const known = Object.keys(schema.properties);
      for (const key of schema.required) {
        if (record[key] === undefined) problems.push(`missing required field "${join(at, key)}"`);
      }
      for (const [key, field] of Object.entries(record)) {
        const fieldSchema = schema.properties[key];
        if (!fieldSchema) {
          problems.push(`unknown field "${join(at, key)}" (expected fields: ${known.join(', ')})`);
        } else if (field !== undefined && !(field === null && !schema.required.includes(key))) {
          check(fieldSchema, field, join(at, key), problems);
        }
      }
      return;
    }
  }
}

function join(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)})`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
