/**
 * Access by API key: with `auth` configured every operation needs a key (UNAUTHENTICATED),
 * queries and subscriptions need the `read` scope (FORBIDDEN); mutations check `operate` or
 * `admin` in their resolvers. Without `auth` (demo) the principal has every scope.
 */
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ForbiddenError, UnauthenticatedError, type GatewayError } from '../domain/errors.js';
import type { GatewayContext } from '../schema/context.js';
import { toGraphQLError } from './mask-errors.js';

function denial(document: DocumentNode, operationName: string | undefined | null, ctx: GatewayContext): GatewayError | undefined {
  if (!ctx.principal) return new UnauthenticatedError();
  const operation = getOperationAST(document, operationName)?.operation;
  if (operation !== 'mutation' && !ctx.principal.scopes.has('read')) {
    return new ForbiddenError(`API key "${ctx.principal.name}" lacks the "read" scope queries and subscriptions need`);
  }
  return undefined;
}

export function useScopes(): Plugin<GatewayContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = denial(args.document, args.operationName, args.contextValue as GatewayContext);
      if (error) setResultAndStopExecution({ errors: [toGraphQLError(error)] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = denial(args.document, args.operationName, args.contextValue as GatewayContext);
      if (error) setResultAndStopExecution({ errors: [toGraphQLError(error)] });
    },
  };
}
