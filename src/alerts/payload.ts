/**
 * The webhook body (Standard Webhooks style): `{ type, timestamp, data: { alert } }`. IDs are
 * the API's global IDs, so a receiver can look the same things up over GraphQL. Written once
 * into the outbox, so every attempt sends the same bytes.
 */
import { encodeGlobalId } from '../domain/global-id.js';
import type { Alert, AlertEventType } from './model.js';

export function alertGlobalId(id: string): string {
  return encodeGlobalId('Alert', id);
}

export function alertPayload(alert: Alert) {
  const resource = alert.resource;
  return {
    id: alertGlobalId(alert.id),
    kind: alert.kind,
    severity: alert.severity,
    state: alert.state,
    message: alert.message,
    provider: { id: encodeGlobalId('Provider', `${alert.providerId}:${alert.providerId}`), kind: alert.providerKind ?? null, name: alert.providerId },
    resource: resource ? { id: encodeGlobalId(resource.type, `${alert.providerId}:${resource.nativeId}`), type: resource.type, name: resource.name ?? null } : null,
    operation: alert.operation ? { id: encodeGlobalId('Operation', `${alert.providerId}:${alert.operation.nativeId}`), status: alert.operation.status } : null,
    openedAt: alert.openedAt.toISOString(),
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: alert.acknowledgedBy ?? null,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
  };
}

export function eventBody(type: AlertEventType, alert: Alert, at: Date): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data: { alert: alertPayload(alert) } });
}
