/**
 * Query limits, on by default (GraphQL Armor): depth, cost, aliases, tokens, directives; plus
 * no field suggestions when introspection is off. Batching limits live in server.ts.
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

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
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    // Depth already has its own limit; a gentler depth factor than Armor's 1.5 keeps ordinary nested queries well below the cost limit.
    costLimit: { maxCost: limits.maxCost, depthCostFactor: 1.2, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: !introspection },
  });
  return armor.protect().plugins as Plugin[];
}
