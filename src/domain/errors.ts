/**
 * Typed errors shared by providers, the schema and the server. Each carries one of the
 * contract's ErrorCodes; the schema turns them into errors-as-data (mutations) or GraphQL
 * errors with `extensions.code` and `extensions.provider` (queries).
 */
import type { Capability } from './model.js';

export type ErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'UNSUPPORTED_BY_PROVIDER'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_REJECTED'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN';

export class GatewayError extends Error {
  readonly code: ErrorCode;
  /** Config id of the provider the error concerns, if any. */
  readonly providerId?: string;

  constructor(code: ErrorCode, message: string, providerId?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.providerId = providerId;
  }
}

export class NotFoundError extends GatewayError {
  constructor(message: string, providerId?: string) {
    super('NOT_FOUND', message, providerId);
  }
}

export class ValidationError extends GatewayError {
  readonly field?: string;
  constructor(message: string, field?: string, providerId?: string) {
    super('VALIDATION', message, providerId);
    this.field = field;
  }
}

export class UnsupportedByProviderError extends GatewayError {
  readonly capability: Capability;
  constructor(providerId: string, capability: Capability, message?: string) {
    super('UNSUPPORTED_BY_PROVIDER', message ?? `provider "${providerId}" does not support ${capability}`, providerId);
    this.capability = capability;
  }
}

/** Something went wrong upstream; always names the provider. */
export class UpstreamError extends GatewayError {
  declare readonly providerId: string;
}

/** The provider could not be reached or did not answer usefully (timeout, refused, 5xx, breaker open). */
export class UpstreamUnavailableError extends UpstreamError {
  constructor(providerId: string, message: string) {
    super('UPSTREAM_UNAVAILABLE', message, providerId);
  }
}

/** The provider answered and said no. */
export class UpstreamRejectedError extends UpstreamError {
  constructor(providerId: string, message: string) {
    super('UPSTREAM_REJECTED', message, providerId);
  }
}

export class ConflictError extends GatewayError {
  constructor(message: string, providerId?: string) {
    super('CONFLICT', message, providerId);
  }
}

export class UnauthenticatedError extends GatewayError {
  constructor(message = 'an API key is required: send "Authorization: Bearer <key>"') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends GatewayError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}
