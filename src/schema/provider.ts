/** Provider: a configured upstream, its capabilities and health. */
import { UnsupportedByProviderError, UpstreamError } from '../domain/errors.js';
import { builder } from './builder.js';
import { CapabilityEnum, ErrorInterface } from './errors.js';
import { ProviderRef } from './refs.js';
import { PROVIDER_KINDS } from '../providers/registry.js';

/** One value per provider module of the registry (adding a provider adds its kind here by itself). */
export const ProviderKindEnum = builder.enumType('ProviderKind', { values: PROVIDER_KINDS });
export const HealthStatusEnum = builder.enumType('HealthStatus', { values: ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const });

const ProviderHealthRef = builder.simpleObject('ProviderHealth', {
  description: 'Derived from the latest upstream exchanges and the circuit breaker; asks the upstream only when nothing is known yet.',
  fields: (t) => ({
    status: t.field({ type: HealthStatusEnum }),
    checkedAt: t.field({ type: 'DateTime', nullable: true }),
    latencyMs: t.float({ nullable: true }),
    message: t.string({ nullable: true }),
  }),
});

builder.node(ProviderRef, {
  description: 'A configured backup provider.',
  id: { resolve: (p) => `${p.id}:${p.id}` },
  loadOne: (id, ctx) => ctx.registry.get(id.slice(0, id.indexOf(':'))) ?? null,
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'capabilities' in value && 'probe' in value,
  fields: (t) => ({
    name: t.string({ description: 'The config id, e.g. "hq".', resolve: (p) => p.id }),
    kind: t.field({ type: ProviderKindEnum, resolve: (p) => p.kind }),
    baseUrl: t.exposeString('baseUrl'),
    capabilities: t.field({ type: [CapabilityEnum], resolve: (p) => [...p.capabilities] }),
    health: t.field({
      type: ProviderHealthRef,
      resolve: async (p) => {
        const known = p.health();
        const health = known.status === 'UNKNOWN' ? await p.probe() : known;
        return { status: health.status, checkedAt: health.checkedAt ?? null, latencyMs: health.latencyMs ?? null, message: health.message ?? null };
      },
    }),
  }),
});

builder.queryField('providers', (t) =>
  t.field({ type: [ProviderRef], description: 'Every configured provider.', resolve: (_root, _args, ctx) => ctx.registry.all() }),
);

builder.objectType(UnsupportedByProviderError, {
  name: 'UnsupportedByProviderError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    provider: t.field({ type: ProviderRef, resolve: (e, _args, ctx) => ctx.registry.get(e.providerId!)! }),
    capability: t.field({ type: CapabilityEnum, resolve: (e) => e.capability }),
  }),
});

builder.objectType(UpstreamError, {
  name: 'UpstreamError',
  description: 'The provider was unavailable (UPSTREAM_UNAVAILABLE) or refused (UPSTREAM_REJECTED).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    provider: t.field({ type: ProviderRef, resolve: (e, _args, ctx) => ctx.registry.get(e.providerId)! }),
  }),
});
