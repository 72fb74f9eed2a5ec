/** Appends the errors of providers whose part of the answer is missing (partial results). */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../schema/context.js';

export function usePartialErrors(): Plugin<GatewayContext> {
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult, args }) => {
        if (result && typeof result === 'object' && Symbol.asyncIterator in result) return;
        const partial = (args.contextValue as GatewayContext).reads.partialErrors;
        if (partial.length === 0) return;
        const current = result as ExecutionResult;
        setResult({ ...current, errors: [...(current.errors ?? []), ...partial] });
      },
    }),
  };
}
