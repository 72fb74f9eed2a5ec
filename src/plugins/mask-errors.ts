/**
 * Error masking: typed domain errors keep their message and carry `extensions.code`,
 * `extensions.provider` and `extensions.field`; anything unexpected becomes "Unexpected error."
 * with no stack, no upstream body and no secret.
 */
import { GraphQLError } from 'graphql';
import { GatewayError } from '../domain/errors.js';

const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

export function maskError(error: unknown, message: string): Error {
  const graphqlError = error instanceof GraphQLError ? error : undefined;
  let original: unknown = graphqlError ? graphqlError.originalError : error;
  // Plugins may wrap our errors more than once; find the typed one inside.
  while (original && !(original instanceof GatewayError) && (original as { originalError?: unknown }).originalError) {
    original = (original as { originalError?: unknown }).originalError;
  }
  if (original instanceof GatewayError) return toGraphQLError(original, graphqlError);
  if (original instanceof GraphQLError) return original;
  if (graphqlError && !graphqlError.originalError) return graphqlError;
  return new GraphQLError(message, { nodes: graphqlError?.nodes, path: graphqlError?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** The code a client will see for an error, before masking (for logs and metrics). */
export function errorCode(error: unknown): string {
  let original: unknown = error;
  while (original && !(original instanceof GatewayError) && (original as { originalError?: unknown }).originalError) {
    original = (original as { originalError?: unknown }).originalError;
  }
  if (original instanceof GatewayError) return original.code;
  const { extensions, originalError } = error as { extensions?: Record<string, unknown>; originalError?: unknown };
  return typeof extensions?.code === 'string' ? extensions.code : originalError || !(error instanceof GraphQLError) ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED';
}

export function toGraphQLError(error: GatewayError, at?: GraphQLError): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    nodes: at?.nodes,
    path: at?.path,
    extensions: {
      code: error.code,
      ...(error.providerId ? { provider: error.providerId } : {}),
      ...('field' in error && error.field ? { field: error.field } : {}),
      ...(status ? { http: { status } } : {}),
    },
  });
}
