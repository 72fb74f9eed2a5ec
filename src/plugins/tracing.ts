/**
 * OpenTelemetry spans per GraphQL operation: `graphql.operation <name>` (its parent taken from
 * the incoming request's W3C `traceparent`) with `graphql.parse`, `graphql.validate` and
 * `graphql.execute` (or `graphql.subscribe`) children. The spans are active while their phase
 * runs, so every upstream call and journal query a resolver makes becomes a child of the
 * execute span. Added to the plugin list only when traces are on (src/telemetry/setup.ts).
 */
import { context, propagation, SpanKind, SpanStatusCode, type Span, type TextMapGetter } from '@opentelemetry/api';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../schema/context.js';
import { inSpan } from '../telemetry/tracer.js';

const fromHeaders: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

export function useTracing(): Plugin<GatewayContext> {
  // The operation span of each GraphQL operation's context object (one per operation, batches included).
  const operations = new WeakMap<object, Span>();
  const phase = <T>(name: string, wrapped: () => T) => inSpan(name, {}, () => wrapped());
  const name = (ctx: object, document: DocumentNode, operationName?: string | null) => {
    const span = operations.get(ctx);
    const ast = getOperationAST(document, operationName);
    if (!span || !ast) return;
    const opName = ast.name?.value ?? operationName ?? undefined;
    span.updateName(`graphql.operation${opName ? ` ${opName}` : ''}`);
    span.setAttribute('graphql.operation.type', ast.operation);
    if (opName) span.setAttribute('graphql.operation.name', opName);
  };

  return {
    instrumentation: {
      operation: ({ context: ctx, request }, wrapped) => {
        const parent = propagation.extract(context.active(), request.headers, fromHeaders);
        return inSpan('graphql.operation', { kind: SpanKind.SERVER, parent }, (span) => {
          operations.set(ctx, span);
          return wrapped();
        });
      },
      parse: (_payload, wrapped) => phase('graphql.parse', wrapped),
      validate: (_payload, wrapped) => phase('graphql.validate', wrapped),
      execute: (_payload, wrapped) => phase('graphql.execute', wrapped),
      subscribe: (_payload, wrapped) => phase('graphql.subscribe', wrapped),
    },
    onParse: ({ context: ctx }) => ({ result }) => {
      if (result instanceof Error) failOperation(operations.get(ctx), 'GRAPHQL_PARSE_FAILED', [result.message]);
    },
    onValidate: ({ context: ctx }) => ({ valid, result }) => {
      if (!valid) failOperation(operations.get(ctx), 'GRAPHQL_VALIDATION_FAILED', result.map((e) => e.message));
    },
    onSubscribe: ({ args }) => name(args.contextValue, args.document, args.operationName),
    onExecute: ({ args }) => {
      name(args.contextValue, args.document, args.operationName);
      return {
        onExecuteDone: ({ result }) => {
          const span = operations.get(args.contextValue);
          if (!span || (result && typeof result === 'object' && Symbol.asyncIterator in result)) return;
          const { errors = [], data } = result as ExecutionResult;
          if (errors.length === 0) return;
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')))];
          span.setAttribute('graphql.error.count', errors.length);
          span.setAttribute('graphql.error.codes', codes);
          // Partial results are an answer; only an operation with no data at all failed.
          if (!data) span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
        },
      };
    },
  };
}

function failOperation(span: Span | undefined, code: string, messages: readonly string[]): void {
  span?.setAttribute('graphql.error.codes', [code]);
  span?.setAttribute('graphql.error.count', messages.length);
  span?.setStatus({ code: SpanStatusCode.ERROR, message: messages.join('; ') });
}
