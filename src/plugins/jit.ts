/**
 * Compiled execution (graphql-jit): each distinct document is compiled once to a JavaScript
 * function and cached, which takes a large share of the executor's CPU off every query.
 *
 * graphql-jit calls an abstract type's `resolveType(value, context, info)` without the fourth
 * argument, the abstract type itself, which graphql-js passes and Pothos' result unions (the
 * errors plugin) need to fall back to graphql's default resolver. The schema's unions and
 * interfaces get that argument back before the plugin compiles anything.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { isAbstractType, type GraphQLAbstractType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useCompiledExecution(schema: GraphQLSchema): Plugin {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type) || !type.resolveType) continue;
    const resolveType = type.resolveType;
    if ((resolveType as { withAbstractType?: true }).withAbstractType) continue;
    const self: GraphQLAbstractType = type;
    type.resolveType = Object.assign((value: unknown, context: unknown, info: GraphQLResolveInfo, abstractType?: GraphQLAbstractType) => resolveType(value, context, info, abstractType ?? self), {
      withAbstractType: true as const,
    });
  }
  return useGraphQlJit() as Plugin;
}
