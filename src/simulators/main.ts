/**
 * `npm run simulators`: the three upstream simulators standalone on fixed ports, so a gateway
 * config (or curl) can point at them. Imports nothing of the gateway.
 *
 * Environment:
 *   ALTARO_PORT (36013), CLOUDSIGMA_PORT (8081), BILLMANAGER_PORT (8082), SIMULATORS_HOST (127.0.0.1)
 *   SIM_LATENCY_MS       real ms every non-admin reply of every simulator waits (default 0)
 *   SIM_PROFILE          default | strict: the form each simulator gives where its contract is
 *                        unsure (see each simulator's README, "Variants"); default 'default'
 *   SIM_EXTRA_RESOURCES  synthetic resources added to EACH simulator after its seed (default 0):
 *                        Altaro bench-vm-NNN, CloudSigma bench-srv-NNN, BILLmanager bench-vps-NNN;
 *                        e.g. 100 gives ~300 extra across the three
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAltaroSimulator } from './altaro/index.js';
import { startBillmanagerSimulator } from './billmanager/index.js';
import { startCloudSigmaSimulator } from './cloudsigma/index.js';
import { profileFromEnv } from './kit/profile.js';

/** A non-negative number from the environment; a typo should stop the start, not be read as 0. */
function envNumber(name: string, fallback: number, integer = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a ${integer ? 'whole ' : ''}number >= 0, got ${JSON.stringify(raw)}`);
  }
  return value;
}

const host = process.env.SIMULATORS_HOST ?? '127.0.0.1';
const latencyMs = envNumber('SIM_LATENCY_MS', 0);
const extraResources = envNumber('SIM_EXTRA_RESOURCES', 0, true);
const profile = profileFromEnv();
const common = { host, latencyMs, extraResources, profile };

const altaro = await startAltaroSimulator({ ...common, port: envNumber('ALTARO_PORT', 36013, true) });
const cloudsigma = await startCloudSigmaSimulator({ ...common, port: envNumber('CLOUDSIGMA_PORT', 8081, true) });
const billmanager = await startBillmanagerSimulator({ ...common, port: envNumber('BILLMANAGER_PORT', 8082, true) });

console.log(`Altaro VM Backup    ${altaro.baseUrl}    (Administrator / altaro-demo)`);
console.log(`CloudSigma API 2.0  ${cloudsigma.baseUrl}   (ops@example.com / cloudsigma-demo, or Bearer cs-demo-token)`);
console.log(`BILLmanager         ${billmanager.baseUrl}     (ops@example.com / zomro-demo)`);
if (profile !== 'default') console.log(`profile ${profile}: the least helpful plausible answer at every unconfirmed point`);
if (altaro.server.certPem) {
  // A fresh self-signed certificate each start: a gateway trusts it through tls.caFile.
  const dir = join(tmpdir(), 'backup-gateway-simulators');
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'altaro-ca.pem');
  writeFileSync(caFile, altaro.server.certPem);
  console.log(`Altaro serves https with a self-signed certificate: trust it with tls: { caFile: ${caFile} }`);
}
if (latencyMs > 0 || extraResources > 0) console.log(`latency ${latencyMs} ms per reply, ${extraResources} extra resources per simulator`);
console.log('admin: GET|DELETE /__sim/requests, GET|PUT|DELETE /__sim/faults, POST /__sim/clock/advance {"ms": N}');

const stop = async () => {
  await Promise.all([altaro.close(), cloudsigma.close(), billmanager.close()]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
