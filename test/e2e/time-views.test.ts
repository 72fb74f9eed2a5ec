/**
 * The cross-provider time views over the real gateway: backupCalendar and protection, here on
 * the Altaro demo install (whose seed deliberately has unprotected, failed and stale VMs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';

const CalendarQuery = graphql(`
  query Calendar($from: DateTime!, $to: DateTime!, $filter: CalendarFilter) {
    backupCalendar(from: $from, to: $to, filter: $filter) {
      from
      to
      runs {
        at
        schedule {
          name
        }
        provider {
          name
        }
        targets {
          name
        }
      }
      conflicts {
        reason
        host
        resource {
          name
        }
        runs {
          at
        }
      }
    }
  }
`);

const ProtectionQuery = graphql(`
  query Protection($rpoHours: Int, $filter: ProtectionFilter) {
    protection(rpoHours: $rpoHours, filter: $filter) {
      rpoHours
      resources {
        resource {
          __typename
          name
        }
        status
        reason
        lastSuccessAt
        nextRunAt
      }
      counts {
        status
        count
      }
      byProvider {
        provider {
          name
        }
        counts {
          status
          count
        }
      }
    }
  }
`);

const ResourceProtectionQuery = graphql(`
  query ResourceProtection($id: ID!) {
    node(id: $id) {
      ... on ProtectedResource {
        name
        protection(rpoHours: 48) {
          status
          reason
        }
      }
    }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

describe('protection', () => {
  it('gives every Altaro VM one status with its reason, and counts that add up', async () => {
    // 48 h: a nightly backup is always younger than that, whatever the time of day the test runs.
    const data = expectData(await gw.gql(ProtectionQuery, { rpoHours: 48, filter: { providerIds: ['hq'] } }));
    const byName = new Map(data.protection.resources.map((r) => [r.resource.name, r]));
    expect(byName.size).toBe(16);
    expect(byName.get('RDS01')).toMatchObject({ status: 'NO_SCHEDULE' });
    expect(byName.get('PRINT01')).toMatchObject({ status: 'NO_SCHEDULE' });
    expect(byName.get('TEST-W11')).toMatchObject({ status: 'NO_SCHEDULE', reason: expect.stringMatching(/not in the backup configuration/) });
    expect(byName.get('WEB02')).toMatchObject({ status: 'NEVER_BACKED_UP', lastSuccessAt: null });
    expect(byName.get('EXCH01')).toMatchObject({ status: 'LAST_BACKUP_FAILED', reason: expect.stringMatching(/failed/) });
    expect(byName.get('LNX-DB01')).toMatchObject({ status: 'STALE', reason: expect.stringMatching(/older than the 48 h RPO/) });
    expect(byName.get('DC01')).toMatchObject({ status: 'PROTECTED', nextRunAt: expect.any(String) });
    expect(byName.get('WEB01')).toMatchObject({ status: 'NO_OFFSITE_COPY' }); // nightly, backed up, no offsite location
    const total = data.protection.counts.reduce((sum, c) => sum + c.count, 0);
    expect(total).toBe(16);
    expect(data.protection.byProvider).toHaveLength(1);
    expect(data.protection.counts.find((c) => c.status === 'NO_SCHEDULE')?.count).toBe(4);
  });

  it('moves a VM from STALE to PROTECTED when the RPO is wide enough', async () => {
    const data = expectData(await gw.gql(ProtectionQuery, { rpoHours: 24 * 30, filter: { providerIds: ['hq'], statuses: ['STALE'] } }));
    expect(data.protection.resources).toHaveLength(0);
    expect(data.protection.rpoHours).toBe(720);
  });

  it('answers per resource too', async () => {
    const vms = expectData(await gw.gql(ProtectionQuery, { filter: { providerIds: ['hq'], statuses: ['LAST_BACKUP_FAILED'] } }));
    expect(vms.protection.resources.map((r) => r.resource.name)).toEqual(['EXCH01']);
    const list = await gw.gql(
      graphql(`
        query ExchId {
          virtualMachines(filter: { nameContains: "EXCH01" }) {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
    );
    const id = expectData(list).virtualMachines.edges[0].node.id;
    const one = expectData(await gw.gql(ResourceProtectionQuery, { id }));
    expect(one.node).toMatchObject({ name: 'EXCH01', protection: { status: 'LAST_BACKUP_FAILED' } });
  });

  it('rejects an RPO of 0 hours', async () => {
    const response = await gw.gql(ProtectionQuery, { rpoHours: 0 });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION', field: 'rpoHours' });
  });
});

describe('across providers', () => {
  it('assesses VMs and disks of all three providers, counting per provider', async () => {
    const data = expectData(await gw.gql(ProtectionQuery, { rpoHours: 48 }));
    expect(data.protection.byProvider.map((p) => p.provider.name).sort()).toEqual(['hq', 'vps', 'zrh']);
    const byName = new Map(data.protection.resources.map((r) => [`${r.resource.__typename}:${r.resource.name}`, r]));
    // Seeded without protection: CloudSigma drives web-03-os and scratch-volume, BILLmanager vps-fra-03.
    expect(byName.get('Disk:web-03-os')).toMatchObject({ status: 'NO_SCHEDULE' });
    expect(byName.get('Disk:scratch-volume')).toMatchObject({ status: 'NO_SCHEDULE' });
    expect(byName.get('VirtualMachine:vps-fra-03')).toMatchObject({ status: 'NO_SCHEDULE' });
    // A CloudSigma server is as protected as its least protected drive.
    expect(byName.get('VirtualMachine:web-03')).toMatchObject({ status: 'NO_SCHEDULE', reason: expect.stringMatching(/^disk web-03-os: /) });
    // A BILLmanager instance on a daily schedule.
    expect(byName.get('VirtualMachine:vps-kyiv-02')).toMatchObject({ status: 'PROTECTED', nextRunAt: expect.any(String) });
    const perProvider = data.protection.byProvider.flatMap((p) => p.counts).reduce((sum, c) => sum + c.count, 0);
    expect(perProvider).toBe(data.protection.resources.length);
  });

  it('puts every provider with a recurrence on one sorted calendar', async () => {
    const from = new Date('2026-12-01T00:00:00Z');
    const to = new Date('2026-12-08T00:00:00Z');
    const data = expectData(await gw.gql(CalendarQuery, { from: from.toISOString(), to: to.toISOString() }));
    const providers = new Set(data.backupCalendar.runs.map((r) => r.provider.name));
    expect(providers).toContain('zrh');
    expect(providers).toContain('vps');
    const times = data.backupCalendar.runs.map((r) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t >= from.getTime() && t < to.getTime())).toBe(true);
    // vps-kyiv-02 backs up daily at 04:30 Kyiv time (UTC+2 in December): 02:30Z each day, 7 runs.
    const kyiv02 = data.backupCalendar.runs.filter((r) => r.targets.some((t) => t.name === 'vps-kyiv-02'));
    expect(kyiv02.map((r) => r.at)).toEqual(Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 11, 1 + i, 2, 30)).toISOString()));
  });
});

describe('backup calendar', () => {
  it("shows each Altaro VM's next backup once, sorted, with host conflicts", async () => {
    const from = new Date();
    const to = new Date(from.getTime() + 7 * 86_400_000);
    const data = expectData(await gw.gql(CalendarQuery, { from: from.toISOString(), to: to.toISOString(), filter: { providerIds: ['hq'], conflictMinutes: 15 } }));
    const runs = data.backupCalendar.runs;
    const times = runs.map((r) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const targetNames = runs.flatMap((r) => r.targets.map((t) => t.name));
    expect(new Set(targetNames).size).toBe(targetNames.length); // one next run per VM
    expect(targetNames).toContain('DC01');
    expect(targetNames).not.toContain('RDS01'); // no schedule
    // DC01 and SQL01 (both on HV01) back up nightly at 01:00: a host conflict.
    const hv01 = data.backupCalendar.conflicts.find((c) => c.host === 'HV01');
    expect(hv01?.reason).toMatch(/backups on host HV01 start within/);
  });

  it('bounds the window to 31 days and wants to after from', async () => {
    const from = new Date('2026-12-01T00:00:00Z');
    const tooLong = await gw.gql(CalendarQuery, { from: from.toISOString(), to: new Date(from.getTime() + 40 * 86_400_000).toISOString() });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(tooLong.errors?.[0].message).toMatch(/at most 31 days/);
    const backwards = await gw.gql(CalendarQuery, { from: from.toISOString(), to: new Date(from.getTime() - 1000).toISOString() });
    expect(backwards.errors?.[0].message).toMatch(/to must be after from/);
  });
});
