/** Helpers over @mrleebo/prisma-ast schemas: models, fields, attributes and the offsets edits need. */
import type { Attribute, BlockAttribute, Field, Model, Schema, Value } from '@mrleebo/prisma-ast';

/** Chevrotain locations: `endOffset` is inclusive. */
export interface PrismaLocation { startOffset: number; endOffset?: number }

export function prismaModels(schema: Schema | undefined): Model[] {
  return (schema?.list ?? []).filter((b): b is Model => b.type === 'model');
}

export function modelFields(model: Model): Field[] {
  return model.properties.filter((p): p is Field => p.type === 'field');
}

/** `@@unique`, `@@id`, `@@index`... of a model. */
export function blockAttributes(model: Model, name?: string): BlockAttribute[] {
  return model.properties.filter((p): p is BlockAttribute => p.type === 'attribute' && (!name || p.name === name));
}

/** A field attribute without group (`@unique`, `@relation`), or with one (`@db.VarChar`). */
export function fieldAttribute(field: Field, name: string, group?: string): Attribute | undefined {
  return field.attributes?.find((a) => a.name === name && (a.group ?? undefined) === group);
}

/** The value of a named argument (`onDelete: Cascade`). */
export function namedArgument(attr: Attribute | BlockAttribute, key: string): Value | undefined {
  for (const a of attr.args ?? []) {
    const v = a.value;
    if (v && typeof v === 'object' && !Array.isArray(v) && v.type === 'keyValue' && v.key === key) return v.value;
  }
  return undefined;
}

/** The field list of `@@unique([a, b])`, `@@unique(fields: [a, b])`, `@@id([a])`, `@relation(fields: [a])`. */
export function fieldList(attr: Attribute | BlockAttribute, key = 'fields'): string[] | undefined {
  const named = namedArgument(attr, key);
  const list = named ?? attr.args?.map((a) => a.value).find((v) => v && typeof v === 'object' && !Array.isArray(v) && v.type === 'array');
  if (list && typeof list === 'object' && !Array.isArray(list) && list.type === 'array') return list.args.map((x) => String(x).replace(/\(.*$/, ''));
  return undefined;
}

export function locationOf(x: unknown): PrismaLocation | undefined {
  const loc = (x as { location?: PrismaLocation } | undefined)?.location;
  return loc && typeof loc.startOffset === 'number' ? loc : undefined;
}

/** Start and (exclusive) end offsets of a located node. */
export function span(x: unknown): { start: number; end: number } | undefined {
  const loc = locationOf(x);
  return loc ? { start: loc.startOffset, end: (loc.endOffset ?? loc.startOffset) + 1 } : undefined;
}

/**
 * Offset just after a field's type (`String`, `Int?`, `Tag[]`): where a field attribute can go.
 * (The field's location covers only its name unless the type is optional or a list, so this reads on from the name.)
 */
export function fieldTypeEnd(text: string, field: Field): number | undefined {
  const s = span(field);
  if (!s || typeof field.fieldType !== 'string' || text.slice(s.start, s.start + field.name.length) !== field.name) return undefined;
  let i = s.start + field.name.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (!text.startsWith(field.fieldType, i)) return undefined;
  i += field.fieldType.length;
  if (text[i] === '[' && text[i + 1] === ']') i += 2;
  if (text[i] === '?') i++;
  return i;
}

/**
 * The offsets of an attribute's parentheses: `@relation(fields: [a])` -> the `(` and the `)`.
 * A lexical scan from the attribute's name, skipping strings; undefined when it has no argument list.
 */
export function attributeParens(text: string, attr: Attribute | BlockAttribute): { open: number; close: number } | undefined {
  const s = span(attr);
  if (!s) return undefined;
  let i = s.end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== '(') return undefined;
  const open = i;
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { const e = text.indexOf('"', i + 1); if (e < 0) return undefined; i = e; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { open, close: i };
    else if (c === '\n' && depth === 0) return undefined;
  }
  return undefined;
}

/** The datasource's name (the `@db.` prefix of native types), provider (`postgresql`, `mysql`, `sqlite`...) and relationMode, when this schema file has them. */
export function prismaDatasource(schema: Schema | undefined): { name: string; provider?: string; relationMode?: string } | undefined {
  const ds = (schema?.list ?? []).find((b) => b.type === 'datasource') as { name: string; assignments?: Array<{ type: string; key?: string; value?: unknown }> } | undefined;
  if (!ds) return undefined;
  const value = (key: string) => {
    const v = ds.assignments?.find((a) => a.type === 'assignment' && a.key === key)?.value;
    return typeof v === 'string' ? v.replace(/^"|"$/g, '') : undefined;
  };
  return { name: ds.name, provider: value('provider'), relationMode: value('relationMode') };
}

/**
 * Offset of the `}` that closes a model (or any block): a lexical scan from the block's header, skipping strings
 * and `//` comments. Undefined when the block is not closed.
 */
export function blockEnd(text: string, block: unknown): number | undefined {
  const s = span(block);
  if (!s) return undefined;
  let depth = 0;
  for (let i = s.start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { const e = text.indexOf('"', i + 1); if (e < 0) return undefined; i = e; continue; }
    if (c === '/' && text[i + 1] === '/') { const e = text.indexOf('\n', i); if (e < 0) return undefined; i = e; continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return undefined;
}
