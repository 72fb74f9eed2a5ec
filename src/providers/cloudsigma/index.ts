/** The CloudSigma provider module: what the registry needs to know of this folder. */
import { providerModule } from '../module.js';
import { cloudsigmaConfigSchema } from './config.js';
import { CloudSigmaProvider } from './provider.js';

export const cloudsigma = providerModule({
  configKind: 'cloudsigma',
  kind: 'CLOUDSIGMA',
  configSchema: cloudsigmaConfigSchema,
  create: (config, upstream) =>
    new CloudSigmaProvider({
      providerId: config.id,
      baseUrl: config.baseUrl,
      username: config.username,
      password: config.password,
      token: config.token,
      pendingWaitMs: config.pendingWaitMs,
      upstream,
    }),
});
