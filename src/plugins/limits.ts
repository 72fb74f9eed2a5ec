/**
 * Query limits, on by default (GraphQL Armor): depth, cost, aliases, tokens, directives; plus
 * no field suggestions when introspection is off. Batching limits live in server.ts. A
 * rejection names the limit in `extensions.code` (Armor's own errors say "Syntax Error: …",
 * which sends a client looking for a typo).
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The `extensions.code` of each limit's rejection. */
export const LIMIT_CODES = {
  maxDepth: 'TOO_DEEP',
  costLimit: 'QUERY_TOO_COMPLEX',
  maxAliases: 'TOO_MANY_ALIASES',
  maxTokens: 'TOO_MANY_TOKENS',
  maxDirectives: 'TOO_MANY_DIRECTIVES',
} as const;

/** Armor's reaction replaced: report a coded error instead of throwing its "Syntax Error". */
function rejectWith(code: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, error: GraphQLError) => {
        const coded = new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} Simplify the query or split it.`, { extensions: { code, http: { status: 400 } } });
        // The token limit runs while parsing, where there is no validation context: stop the parse.
        if (!ctx) throw coded;
        ctx.reportError(coded);
      },
    ],
  };
}

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxBatch: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  // A full dashboard (every VM with its disks, schedules, locations and last backups) costs about 37,000.
  maxCost: 100_000,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 50,
  maxBatch: 10,
};

export function useQueryLimits(limits: QueryLimits, introspection: boolean): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true, ...rejectWith(LIMIT_CODES.maxDepth) },
    // Depth already has its own limit; a gentler depth factor than Armor's 1.5 keeps ordinary nested queries well below the cost limit.
    costLimit: { maxCost: limits.maxCost, depthCostFactor: 1.2, ignoreIntrospection: true, exposeLimits: true, ...rejectWith(LIMIT_CODES.costLimit) },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, ...rejectWith(LIMIT_CODES.maxAliases) },
    maxTokens: { n: limits.maxTokens, exposeLimits: true, ...rejectWith(LIMIT_CODES.maxTokens) },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, ...rejectWith(LIMIT_CODES.maxDirectives) },
    blockFieldSuggestion: { enabled: !introspection },
  });
  return armor.protect().plugins as Plugin[];
}
