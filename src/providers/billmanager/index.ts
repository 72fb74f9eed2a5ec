/** The BILLmanager provider module: what the registry needs to know of this folder. */
import { providerModule } from '../module.js';
import { billmanagerConfigSchema } from './config.js';
import { BillmanagerProvider } from './provider.js';

export const billmanager = providerModule({
  configKind: 'billmanager',
  kind: 'BILLMANAGER',
  configSchema: billmanagerConfigSchema,
  create: (config, upstream) =>
    new BillmanagerProvider({
      providerId: config.id,
      baseUrl: config.baseUrl,
      username: config.username,
      password: config.password,
      timezone: config.timezone,
      waits: config.waits,
      upstream,
    }),
});
