// Corporate networks reach the API through a proxy named in the environment. Node's fetch ignores
// HTTPS_PROXY/HTTP_PROXY/NO_PROXY unless started with NODE_USE_ENV_PROXY (Node 24 only); undici's
// EnvHttpProxyAgent honours them on every Node the CLI runs on. undici is loaded only then: it is
// a megabyte of code every other start would parse for nothing.

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** Routes fetch through the proxy the environment names, if any (NO_PROXY is honoured too). */
export async function useProxyFromEnvironment(env: NodeJS.ProcessEnv): Promise<void> {
  if (PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '')) {
    const { routeThroughProxy } = await import('./proxy-agent.ts');
    routeThroughProxy();
  }
}
