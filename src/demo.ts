/**
 * Demo mode: the simulators in-process on free loopback ports with seeded data, and the
 * provider configs that point at them. Used by `npm start` without a config and by tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderConfig } from './config.js';
import type { SimProfile } from './simulators/kit/profile.js';
import { startAltaroSimulator, type AltaroSimulatorOptions } from './simulators/altaro/index.js';
import { startCloudSigmaSimulator, type CloudSigmaSimulatorOptions } from './simulators/cloudsigma/index.js';
import { startBillmanagerSimulator, type BillmanagerSimulatorOptions } from './simulators/billmanager/index.js';

export interface DemoOptions {
  /** Every simulator's profile (default 'default'); a simulator's own `profile` option wins. */
  profile?: SimProfile;
  altaro?: AltaroSimulatorOptions;
  cloudsigma?: CloudSigmaSimulatorOptions;
  billmanager?: BillmanagerSimulatorOptions;
}

export interface Demo {
  providers: ProviderConfig[];
  simulators: {
    altaro: Awaited<ReturnType<typeof startAltaroSimulator>>;
    cloudsigma: Awaited<ReturnType<typeof startCloudSigmaSimulator>>;
    billmanager: Awaited<ReturnType<typeof startBillmanagerSimulator>>;
  };
  close(): Promise<void>;
}

export const DEMO_CREDENTIALS = {
  altaro: { username: 'Administrator', password: 'altaro-demo' },
  cloudsigma: { username: 'ops@example.com', password: 'cloudsigma-demo' },
  billmanager: { username: 'ops@example.com', password: 'zomro-demo' },
} as const;

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const profile = options.profile;
  const altaro = await startAltaroSimulator({ profile, ...DEMO_CREDENTIALS.altaro, ...options.altaro });
  const cloudsigma = await startCloudSigmaSimulator({ profile, ...DEMO_CREDENTIALS.cloudsigma, ...options.cloudsigma });
  const billmanager = await startBillmanagerSimulator({ profile, ...DEMO_CREDENTIALS.billmanager, ...options.billmanager });
  // A simulator serving https has a fresh self-signed certificate: trust exactly it, as an
  // operator would trust their install's certificate with tls.caFile.
  const certDir = altaro.server.certPem ? mkdtempSync(join(tmpdir(), 'backup-gateway-demo-tls-')) : undefined;
  const altaroTls = certDir ? { caFile: join(certDir, 'altaro-ca.pem'), rejectUnauthorized: true } : undefined;
  if (altaroTls) writeFileSync(altaroTls.caFile, altaro.server.certPem!);
  const providers: ProviderConfig[] = [
    {
      id: 'hq',
      kind: 'altaro',
      baseUrl: altaro.baseUrl,
      username: options.altaro?.username ?? DEMO_CREDENTIALS.altaro.username,
      password: options.altaro?.password ?? DEMO_CREDENTIALS.altaro.password,
      domain: '.',
      serverAddress: 'localhost',
      serverPort: 36014,
      // The zone the Altaro server writes its times in: an operator sets it to the server's zone.
      timezone: altaro.state.timeZone,
      // The simulator writes its report the moment an operation ends: no need to wait long.
      outcomeWaitMs: 10_000,
      ...(altaroTls ? { tls: altaroTls } : {}),
    },
    {
      id: 'zrh',
      kind: 'cloudsigma',
      baseUrl: cloudsigma.baseUrl,
      username: options.cloudsigma?.username ?? DEMO_CREDENTIALS.cloudsigma.username,
      password: options.cloudsigma?.password ?? DEMO_CREDENTIALS.cloudsigma.password,
    },
    {
      id: 'vps',
      kind: 'billmanager',
      baseUrl: billmanager.baseUrl,
      username: options.billmanager?.username ?? DEMO_CREDENTIALS.billmanager.username,
      password: options.billmanager?.password ?? DEMO_CREDENTIALS.billmanager.password,
      timezone: options.billmanager?.timezone ?? 'Europe/Kyiv',
    },
  ];
  return {
    providers,
    simulators: { altaro, cloudsigma, billmanager },
    close: async () => {
      await Promise.all([altaro.close(), cloudsigma.close(), billmanager.close()]);
      if (certDir) rmSync(certDir, { recursive: true, force: true });
    },
  };
}
