// undici's proxy agent as the global dispatcher: in a module of its own so that cli/proxy.ts loads
// it (and undici) only when the environment names a proxy.
import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

export function routeThroughProxy(): void {
  setGlobalDispatcher(new EnvHttpProxyAgent());
}
