/** Scope checks for resolvers; the principal is set by server.ts from the API key. */
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import type { Scope } from '../auth.js';
import type { GatewayContext } from './context.js';

export function requireScope(ctx: GatewayContext, scope: Scope): void {
  if (!ctx.principal) throw new UnauthenticatedError();
  if (!ctx.principal.scopes.has(scope)) {
    throw new ForbiddenError(`API key "${ctx.principal.name}" lacks the "${scope}" scope this needs`);
  }
}
