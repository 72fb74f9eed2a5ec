/** DateTime (ISO 8601 with offset, always written in UTC) and JSON scalars. */
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { builder } from './builder.js';

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    throw new GraphQLError(`DateTime must be an ISO 8601 date-time with an offset, e.g. 2026-11-22T03:00:00Z; got ${JSON.stringify(value)}`, {
      extensions: { code: 'VALIDATION' },
    });
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime ${JSON.stringify(value)} is not a real date`, { extensions: { code: 'VALIDATION' } });
  }
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant as ISO 8601 with an offset, e.g. 2026-11-22T03:00:00Z. Output is always UTC.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'VALIDATION' } });
    return parseDateTime(ast.value);
  },
});

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalToJson(field.value)]));
    default:
      throw new GraphQLError('JSON literals cannot contain variables', { extensions: { code: 'VALIDATION' } });
  }
}

builder.scalarType('JSON', {
  description: 'Any JSON value; used for providers\' own representations, passed through untouched.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalToJson,
});
