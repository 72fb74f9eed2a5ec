/** The Altaro provider module: what the registry needs to know of this folder. */
import { providerModule } from '../module.js';
import { altaroConfigSchema } from './config.js';
import { AltaroProvider } from './provider.js';

export const altaro = providerModule({
  configKind: 'altaro',
  kind: 'ALTARO',
  configSchema: altaroConfigSchema,
  create: (config, upstream) =>
    new AltaroProvider({
      providerId: config.id,
      baseUrl: config.baseUrl,
      username: config.username,
      password: config.password,
      domain: config.domain,
      serverAddress: config.serverAddress,
      serverPort: config.serverPort,
      timezone: config.timezone,
      outcomeWaitMs: config.outcomeWaitMs,
      upstream,
    }),
});
