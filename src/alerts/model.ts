/** An alert as the gateway holds it, and the events its changes send. */
import type { OperationStatus, ProviderKind, ResourceType } from '../domain/model.js';
import type { AlertKind } from './config.js';

export type AlertState = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
export type AlertSeverity = 'INFO' | 'WARNING' | 'CRITICAL';
export type AlertEventType = 'alert.opened' | 'alert.acknowledged' | 'alert.resolved';

export interface AlertSubject {
  providerId: string;
  providerKind?: ProviderKind;
  resource?: { type: ResourceType; nativeId: string; name?: string };
  operation?: { nativeId: string; status: OperationStatus };
}

export interface Alert extends AlertSubject {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  state: AlertState;
  message: string;
  openedAt: Date;
  acknowledgedAt?: Date;
  acknowledgedBy?: string;
  resolvedAt?: Date;
  /** When the state last changed (for alertsUpdated). */
  changedAt: Date;
}

/** What a rule wants open: at most one open alert per (kind, subject key). */
export interface AlertCandidate extends AlertSubject {
  kind: AlertKind;
  severity: AlertSeverity;
  message: string;
}

/** The one-open-alert key: the resource where there is one, else the provider. */
export function subjectKey(kind: AlertKind, subject: AlertSubject): string {
  const resource = subject.resource ? `${subject.resource.type}:${subject.resource.nativeId}` : '';
  return `${kind}|${subject.providerId}|${resource}`;
}
