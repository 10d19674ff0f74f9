// Where the API is: learned at run time from /config.json next to the page (one per stage in AWS).
import { createApiClient, type ApiClient } from '../../core/api.ts';

let client: Promise<ApiClient> | undefined;

export class ConfigError extends Error {
  constructor(cause?: unknown) {
    super('The page could not load its configuration.', { cause });
    this.name = 'ConfigError';
  }
}

async function load(): Promise<ApiClient> {
  let response: Response;
  try {
    response = await fetch('/config.json', { cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    throw new ConfigError(error);
  }
  if (!response.ok) throw new ConfigError(response.status);
  const config = (await response.json().catch(() => ({}))) as { apiUrl?: unknown };
  if (typeof config.apiUrl !== 'string' || config.apiUrl === '')
    throw new ConfigError('apiUrl missing');
  return createApiClient(new URL(config.apiUrl, window.location.origin).href);
}

/** The API client, created once; a failed load is retried on the next call. */
export function api(): Promise<ApiClient> {
  client ??= load().catch((error: unknown) => {
    client = undefined;
    throw error;
  });
  return client;
}
