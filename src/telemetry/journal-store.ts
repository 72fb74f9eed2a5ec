/**
 * Traces for the journal: every JournalStore method call becomes a CLIENT span
 * `journal <method>` (e.g. `journal listOperations`) with the database system, as a decorator
 * around whichever adapter was opened, so the adapters stay free of tracing. With traces off
 * the store is returned as it is.
 */
import { SpanKind } from '@opentelemetry/api';
import type { JournalStore } from '../journal/store.js';
import { telemetryEnabled } from './setup.js';
import { inSpan } from './tracer.js';

export function traceJournalStore(store: JournalStore): JournalStore {
  if (!telemetryEnabled()) return store;
  const system = store.dialect === 'postgres' ? 'postgresql' : 'sqlite';
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      let traced = wrapped.get(property);
      if (!traced) {
        const method = value as (...args: unknown[]) => unknown;
        traced = (...args: unknown[]) =>
          inSpan(`journal ${property}`, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': system, 'db.operation.name': property } }, () => method.apply(target, args));
        wrapped.set(property, traced);
      }
      return traced;
    },
  });
}
