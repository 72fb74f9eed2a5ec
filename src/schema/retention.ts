/**
 * Retention semantics and simulation: `RetentionPolicy.semantics`/`simulate` and
 * `Query.simulateRetention` (semantics in src/domain/retention.ts).
 */
import { ValidationError } from '../domain/errors.js';
import type { RetentionRule } from '../domain/model.js';
import {
  checkRulesFor,
  MAX_SIMULATED_BACKUPS,
  RETENTION_SEMANTICS,
  simulateRetention,
  type RetentionDecision,
  type RetentionSemantics,
} from '../domain/retention.js';
import { validateRetention, validateTimeZone } from '../domain/schedule-input.js';
import { builder } from './builder.js';
import { RetentionRuleInput } from './mutations/schedules.js';
import { RetentionPolicyRef, RetentionRuleRef, ruleView } from './schedule.js';

export const RetentionSemanticsEnum = builder.enumType('RetentionSemantics', {
  description: 'How the rules of a retention policy combine.',
  values: {
    ANY_RULE_KEEPS: { description: 'A backup is kept when any rule keeps it; rules judged independently, relative to now (CloudSigma).' },
    IN_ORDER: { description: "Rules applied in order (LAST, DAYS, WEEKS, MONTHS, YEARS); a period kept by an earlier rule does not use a later rule's count (Proxmox, borg)." },
    KEEP_LAST: { description: 'The newest N are kept (BILLmanager backup_rotation).' },
  } satisfies Record<(typeof RETENTION_SEMANTICS)[number], unknown>,
});

const RetentionDecisionRef = builder.objectRef<RetentionDecision>('RetentionDecision').implement({
  description: 'What a retention policy does with one backup.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (d) => d.at }),
    kept: t.exposeBoolean('kept'),
    keptBy: t.field({ type: [RetentionRuleRef], description: 'The rules that keep it; empty when it is removed.', resolve: (d) => d.keptBy.map(ruleView) }),
  }),
});

function checkBackups(backups: Date[]): Date[] {
  if (backups.length > MAX_SIMULATED_BACKUPS) {
    throw new ValidationError(`backups: at most ${MAX_SIMULATED_BACKUPS} per simulation, got ${backups.length}`, 'backups');
  }
  return backups;
}

builder.objectFields(RetentionPolicyRef, (t) => ({
  semantics: t.field({ type: RetentionSemanticsEnum, resolve: (p) => p.semantics }),
  simulate: t.field({
    type: [RetentionDecisionRef],
    description: "Which of `backups` this policy keeps as of `now` (default: the current time), newest first, judged in the schedule's time zone (UTC when unknown).",
    args: {
      backups: t.arg({ type: ['DateTime'], required: true }),
      now: t.arg({ type: 'DateTime', required: false }),
    },
    resolve: (p, args) => simulateRetention({ rules: p.rules, semantics: p.semantics }, checkBackups(args.backups), args.now ?? new Date(), p.timezone),
  }),
}));

builder.queryField('simulateRetention', (t) =>
  t.field({
    type: [RetentionDecisionRef],
    description: 'Which of `backups` the given rules keep as of `now` (default: the current time), newest first; at most 10,000 backups.',
    args: {
      rules: t.arg({ type: [RetentionRuleInput], required: true }),
      semantics: t.arg({ type: RetentionSemanticsEnum, required: false, defaultValue: 'ANY_RULE_KEEPS' }),
      timezone: t.arg.string({ required: true, description: 'IANA zone whose wall clock decides weekdays, days and months.' }),
      backups: t.arg({ type: ['DateTime'], required: true }),
      now: t.arg({ type: 'DateTime', required: false }),
    },
    resolve: (_root, args) => {
      const semantics: RetentionSemantics = args.semantics ?? 'ANY_RULE_KEEPS';
      if (args.rules.length === 0) throw new ValidationError('rules must hold at least one rule', 'rules');
      const rules: RetentionRule[] = validateRetention(
        args.rules.map((r) => ({ unit: r.unit, count: r.count, ...(r.anchor === null || r.anchor === undefined ? {} : { anchor: r.anchor }) })),
        'rules',
      );
      checkRulesFor(semantics, rules, 'rules');
      const timeZone = validateTimeZone(args.timezone, 'timezone');
      return simulateRetention({ rules, semantics }, checkBackups(args.backups), args.now ?? new Date(), timeZone);
    },
  }),
);
