// Where the API is. `--api`/SECRETSENTRY_API_URL wins; otherwise the CLI asks the page, exactly as the page
// does: `<page origin>/config.json` = {"apiUrl": ...}. The page origin for printed links comes from
// `--page-url`/SECRETSENTRY_PAGE_URL, or from an API URL ending in /api (the local stack serves both).
import { createApiClient, type ApiClient } from '../core/api.ts';
import { CliError, EXIT, networkCause, usage } from './exit.ts';

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

/** Methods that change nothing, or change it to the same end however often they are sent. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'DELETE']);
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Waits before the 2nd and 3rd try of an idempotent call; a read (POST) is never sent twice. */
export const RETRY_DELAYS_MS = [300, 1200] as const;

/**
 * fetch with a timeout per try, and retries with back-off for idempotent calls that failed on the
 * network or with 429/502/503/504. Redirects are refused (in the API client), so a misconfigured
 * URL cannot make a token or verifier go elsewhere.
 */
export function cliFetch(
  fetchImpl: typeof fetch = globalThis.fetch,
  delays: readonly number[] = RETRY_DELAYS_MS,
): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const tries = IDEMPOTENT.has(method) ? delays.length + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetchImpl(input, {
          ...init,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (attempt >= tries || !RETRY_STATUSES.has(response.status)) return response;
        await response.body?.cancel();
      } catch (error) {
        if (attempt >= tries) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
    }
  };
}

/** Reads `<origin>/config.json` next to the page and returns the API base it names. */
export async function apiFromPage(pageOrigin: string, fetchImpl: typeof fetch): Promise<string> {
  const configUrl = `${pageOrigin.replace(/\/+$/, '')}/config.json`;
  let response: Response;
  try {
    response = await fetchImpl(configUrl, { cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    throw new CliError(
      EXIT.unavailable,
      `Could not reach ${configUrl} to find the API (${networkCause(error)}).`,
      { cause: error },
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

/**
 * For a link: the API its own page names. A link names its server; an API given by --api or
 * SECRETSENTRY_API_URL is used only when it is that server's (same origin as the link, or the one
 * its page names), so a read token never goes to another host.
 */
export async function endpointsForLink(
  linkOrigin: string,
  options: EndpointOptions,
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<Endpoints> {
  const fetcher = cliFetch(fetchImpl);
  const page = checkUrl(linkOrigin, 'The link');
  const explicit = explicitApi(options, env);
  if (explicit !== undefined && new URL(explicit).origin === page.origin) {
    return { apiUrl: explicit, client: createApiClient(explicit, fetcher) };
  }
  let apiUrl: string;
  try {
    apiUrl = await apiFromPage(page.href, fetcher);
  } catch (error) {
    if (explicit === undefined || !(error instanceof CliError)) throw error;
    throw new CliError(
      error.exitCode,
      `This link belongs to ${page.origin}, and its page did not say which API serves it, so ` +
        `${explicit} cannot be trusted with the link's token.`,
    );
  }
  if (explicit !== undefined && !sameUrl(explicit, apiUrl)) {
    const source = options.api !== undefined ? '--api' : 'SECRETSENTRY_API_URL';
    throw usage(
      `This link belongs to ${page.origin}, whose API is ${apiUrl}, but ${source} is ${explicit}. ` +
        `Drop ${source} to use the link's own server.`,
    );
  }
  return { apiUrl, client: createApiClient(apiUrl, fetcher) };
}

const sameUrl = (a: string, b: string): boolean =>
  new URL(a).href.replace(/\/+$/, '') === new URL(b).href.replace(/\/+$/, '');

/** For `share`: the API and the page origin the printed links point at. */
export async function endpointsForShare(
  options: EndpointOptions,
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<Endpoints & { pageOrigin: string }> {
  const fetcher = cliFetch(fetchImpl);
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
