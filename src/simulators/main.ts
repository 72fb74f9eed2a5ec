/**
 * `npm run simulators`: the three upstream simulators standalone on fixed ports, so a gateway
 * config (or curl) can point at them. Ports: ALTARO_PORT (36013), CLOUDSIGMA_PORT (8081),
 * BILLMANAGER_PORT (8082). Imports nothing of the gateway.
 */
import { startAltaroSimulator } from './altaro/index.js';
import { startBillmanagerSimulator } from './billmanager/index.js';
import { startCloudSigmaSimulator } from './cloudsigma/index.js';

const host = process.env.SIMULATORS_HOST ?? '127.0.0.1';
const altaro = await startAltaroSimulator({ host, port: Number(process.env.ALTARO_PORT ?? 36013) });
const cloudsigma = await startCloudSigmaSimulator({ host, port: Number(process.env.CLOUDSIGMA_PORT ?? 8081) });
const billmanager = await startBillmanagerSimulator({ host, port: Number(process.env.BILLMANAGER_PORT ?? 8082) });

console.log(`Altaro VM Backup    ${altaro.baseUrl}    (Administrator / altaro-demo)`);
console.log(`CloudSigma API 2.0  ${cloudsigma.baseUrl}   (ops@example.com / cloudsigma-demo, or Bearer cs-demo-token)`);
console.log(`BILLmanager         ${billmanager.baseUrl}     (ops@example.com / zomro-demo)`);
console.log('admin: GET|DELETE /__sim/requests, GET|PUT|DELETE /__sim/faults, POST /__sim/clock/advance {"ms": N}');

const stop = async () => {
  await Promise.all([altaro.close(), cloudsigma.close(), billmanager.close()]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
