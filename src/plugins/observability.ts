/**
 * One structured log line and metrics per GraphQL operation (name, type, outcome, duration,
 * request id, API key name), and the open-subscription gauge.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import type { GatewayContext } from '../schema/context.js';
import { errorCode } from './mask-errors.js';
import { activeSubscriptions, graphqlDuration, graphqlOperations } from '../upstream/metrics.js';

export function useObservability(logger: Logger): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const operation = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value ?? 'anonymous';
      const type = getOperationAST(args.document, args.operationName)?.operation ?? 'query';
      return {
        onExecuteDone({ result }) {
          if (result && typeof result === 'object' && Symbol.asyncIterator in result) return;
          const errors = (result as { errors?: readonly { extensions?: Record<string, unknown>; originalError?: unknown }[] }).errors ?? [];
          const errorCodes = errors.length ? [...new Set(errors.map(errorCode))] : undefined;
          const data = (result as { data?: unknown }).data;
          const outcome = errors.length === 0 ? 'ok' : data ? 'partial' : 'error';
          const seconds = (performance.now() - started) / 1000;
          graphqlOperations.inc({ operation, type, outcome });
          graphqlDuration.observe({ operation, type }, seconds);
          const ctx = args.contextValue as GatewayContext;
          // A client's mistake (VALIDATION, FORBIDDEN, NOT_FOUND…) is info; error level is for what an operator must look into.
          logger[errorCodes?.includes('INTERNAL_SERVER_ERROR') ? 'error' : 'info'](
            {
              requestId: ctx.reads.requestId,
              operation,
              type,
              outcome,
              ms: Math.round(seconds * 1000),
              keyName: ctx.principal?.name,
              errorCodes,
            },
            'graphql operation',
          );
        },
      };
    },
    onSubscribe({ args }) {
      const operation = args.operationName ?? 'anonymous';
      graphqlOperations.inc({ operation, type: 'subscription', outcome: 'ok' });
      activeSubscriptions.inc();
      let open = true;
      const closed = () => {
        if (open) activeSubscriptions.dec();
        open = false;
      };
      return {
        onSubscribeResult: () => ({ onEnd: closed }),
        onSubscribeError: closed,
      };
    },
  };
}
