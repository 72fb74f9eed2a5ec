/**
 * Errors as data for mutations: the `Error` interface and one object type per error class of
 * src/domain/errors.ts. Query fields throw the same classes; server.ts turns them into GraphQL
 * errors with `extensions.code` and `extensions.provider`.
 */
import {
  ConflictError,
  GatewayError,
  NotFoundError,
  UnsupportedByProviderError,
  UpstreamError,
  ValidationError,
} from '../domain/errors.js';
import { CAPABILITIES } from '../domain/model.js';
import { builder } from './builder.js';

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  values: [
    'NOT_FOUND',
    'VALIDATION',
    'UNSUPPORTED_BY_PROVIDER',
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_REJECTED',
    'CONFLICT',
    'UNAUTHENTICATED',
    'FORBIDDEN',
  ] as const,
});

export const CapabilityEnum = builder.enumType('Capability', { values: CAPABILITIES });

export const ErrorInterface = builder.interfaceRef<GatewayError>('Error').implement({
  description: 'Every error a mutation can return implements this.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.field({ type: ErrorCodeEnum, resolve: (error) => error.code }),
  }),
});

builder.objectType(NotFoundError, { name: 'NotFoundError', interfaces: [ErrorInterface], fields: () => ({}) });

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.string({ nullable: true, description: 'The input field that was wrong.', resolve: (e) => e.field ?? null }) }),
});

builder.objectType(ConflictError, { name: 'ConflictError', interfaces: [ErrorInterface], fields: () => ({}) });

export const ERROR_TYPES = {
  assign: [NotFoundError, ValidationError, UnsupportedByProviderError, UpstreamError],
  start: [NotFoundError, ValidationError, UnsupportedByProviderError, UpstreamError, ConflictError],
  abort: [NotFoundError, UnsupportedByProviderError, UpstreamError, ConflictError],
  schedule: [NotFoundError, ValidationError, UnsupportedByProviderError, UpstreamError],
} as const;
