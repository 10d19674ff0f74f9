// Where the API is. `--api`/SECRETSENTRY_API_URL wins; otherwise the CLI asks the page, exactly as the page
// does: `<page origin>/config.json` = {"apiUrl": ...}. The page origin for printed links comes from
// `--page-url`/SECRETSENTRY_PAGE_URL, or from an API URL ending in /api (the local stack serves both).
import { createApiClient, type ApiClient } from '../../web/src/core/api.ts';
import { CliError, EXIT, usage } from './exit.ts';

export const REQUEST_TIMEOUT_MS = 30_000;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An absolute http(s) URL; plain http only to this machine, so tokens never cross a network in clear. */
export function checkUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`${what} is not a URL: "${text}".`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw usage(`${what} must be https (plain http only for localhost): "${text}".`);
  }
  return url;
}

export function timedFetch(fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) =>
    fetchImpl(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** Reads `<origin>/config.json` next to the page and returns the API base it names. */
export async function apiFromPage(pageOrigin: string, fetchImpl: typeof fetch): Promise<string> {
  const configUrl = `${pageOrigin.replace(/\/+$/, '')}/config.json`;
  let response: Response;
  try {
    response = await fetchImpl(configUrl, { cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new CliError(
      EXIT.unavailable,
      `Could not reach ${configUrl} to find the API; give --api or SECRETSENTRY_API_URL.`,
    );
  }
  const config = (await response.json().catch(() => ({}))) as { apiUrl?: unknown };
  if (!response.ok || typeof config.apiUrl !== 'string' || config.apiUrl === '') {
    throw new CliError(
      EXIT.unavailable,
      `${configUrl} does not name the API; give --api or SECRETSENTRY_API_URL.`,
    );
  }
  return checkUrl(new URL(config.apiUrl, configUrl).href, 'The apiUrl in config.json').href;
}

export interface EndpointOptions {
  readonly api?: string;
  readonly pageUrl?: string;
}

export interface Endpoints {
  readonly client: ApiClient;
  readonly apiUrl: string;
}

function explicitApi(options: EndpointOptions, env: NodeJS.ProcessEnv): string | undefined {
  const api = options.api ?? (env.SECRETSENTRY_API_URL || undefined);
  return api === undefined ? undefined : checkUrl(api, '--api').href;
}

/** For a link: the explicit API, or the one the link's page names. */
export async function endpointsForLink(
  linkOrigin: string,
  options: EndpointOptions,
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<Endpoints> {
  const fetcher = timedFetch(fetchImpl);
  const apiUrl =
    explicitApi(options, env) ??
    (await apiFromPage(checkUrl(linkOrigin, 'The link').href, fetcher));
  return { apiUrl, client: createApiClient(apiUrl, fetcher) };
}

/** For `share`: the API and the page origin the printed links point at. */
export async function endpointsForShare(
  options: EndpointOptions,
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<Endpoints & { pageOrigin: string }> {
  const fetcher = timedFetch(fetchImpl);
  const page = options.pageUrl ?? (env.SECRETSENTRY_PAGE_URL || undefined);
  const pageOrigin = page === undefined ? undefined : checkUrl(page, '--page-url').href;
  let apiUrl = explicitApi(options, env);
  if (apiUrl === undefined) {
    if (pageOrigin === undefined) {
      throw usage(
        'Say where SecretSentry is: --api or SECRETSENTRY_API_URL, or --page-url or SECRETSENTRY_PAGE_URL.',
      );
    }
    apiUrl = await apiFromPage(pageOrigin, fetcher);
  }
  const origin = pageOrigin ?? derivePageOrigin(apiUrl);
  return {
    apiUrl,
    pageOrigin: origin.replace(/\/+$/, ''),
    client: createApiClient(apiUrl, fetcher),
  };
}

/** The local stack (and any same-origin deployment) serves the page at `/` and the API at `/api`. */
export function derivePageOrigin(apiUrl: string): string {
  const url = new URL(apiUrl);
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/api')) {
    throw usage(
      'Cannot tell the page URL from this API URL; give --page-url or SECRETSENTRY_PAGE_URL.',
    );
  }
  return `${url.origin}${path.slice(0, -'/api'.length)}`;
}
