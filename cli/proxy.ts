// Corporate networks reach the API through a proxy named in the environment. Node's fetch ignores
// HTTPS_PROXY/HTTP_PROXY/NO_PROXY unless started with NODE_USE_ENV_PROXY (Node 24 only); undici's
// EnvHttpProxyAgent honours them on every Node the CLI runs on.
import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** Routes fetch through the proxy the environment names, if any (NO_PROXY is honoured too). */
export function useProxyFromEnvironment(env: NodeJS.ProcessEnv): void {
  if (PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '')) {
    setGlobalDispatcher(new EnvHttpProxyAgent());
  }
}
