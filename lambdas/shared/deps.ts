// What every use case runs against, wired once per process from the environment.
import { loadStorageConfig } from './config.ts';
import { createClients } from './clients.ts';
import { count, logger, type MetricName } from './powertools.ts';
import { TokenStore } from './tokenStore.ts';
import { Vault } from './vault.ts';

export interface Deps {
  readonly store: TokenStore;
  readonly vault: Vault;
  readonly now: () => Date;
  readonly count: (metric: MetricName) => void;
  readonly log: Pick<typeof logger, 'info' | 'warn' | 'error'>;
}

export function createDeps(): Deps {
  const config = loadStorageConfig();
  const clients = createClients(config);
  return {
    store: new TokenStore(clients.dynamo, config.tableName),
    vault: new Vault(clients.s3, config.bucketName),
    now: () => new Date(),
    count,
    log: logger,
  };
}
