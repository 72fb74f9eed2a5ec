/**
 * Honest readiness: a provider is UP only once a call that needs our credentials succeeded.
 * With a wrong password one provider is DOWN, saying its credentials were rejected (and never
 * the password), while the others are UP and the gateway stays ready. Both profiles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ProvidersQuery } from '../support/documents.js';

interface Readiness {
  ready: boolean;
  providers: Array<{ id: string; status: string; message: string | null }>;
}

const WRONG = 'wrong-password-0f3c9a';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function readyz(gateway: TestGateway): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(gateway.url.replace('/graphql', '/readyz'));
  return { status: response.status, body: (await response.json()) as Readiness };
}

describe.each(SIM_PROFILES)('readiness (%s profile)', (profile) => {
  it('is UP for every provider once an authenticated call succeeded', async () => {
    gw = await startTestGateway({ profile });
    const { status, body } = await readyz(gw);
    expect(status).toBe(200);
    expect(body.providers.map((p) => [p.id, p.status])).toEqual([
      ['hq', 'UP'],
      ['zrh', 'UP'],
      ['vps', 'UP'],
    ]);
  });

  it.each(['hq', 'zrh', 'vps'])('shows %s DOWN with rejected credentials while the others are UP', async (wrong) => {
    gw = await startTestGateway({ profile, editProviders: (ps) => ps.map((p) => (p.id === wrong ? { ...p, password: WRONG } : p)) });
    const { status, body } = await readyz(gw);
    expect(status).toBe(200); // the others are usable
    expect(body.ready).toBe(true);
    const bad = body.providers.find((p) => p.id === wrong)!;
    expect(bad.status).toBe('DOWN');
    expect(bad.message).toMatch(/credentials|refused the login/i);
    for (const other of body.providers.filter((p) => p.id !== wrong)) expect(other.status).toBe('UP');

    // The same through the API, and no secret anywhere.
    const providers = expectData(await gw.gql(ProvidersQuery)).providers;
    expect(providers.find((p) => p.name === wrong)?.health).toMatchObject({ status: 'DOWN' });
    expect(providers.find((p) => p.name === wrong)?.health.message).toMatch(/credentials|refused the login/i);
    expect(JSON.stringify(body) + JSON.stringify(providers)).not.toContain(WRONG);
  });
});
