// The one client of the HTTP API (DESIGN §4), for the page and the CLI. Uses fetch; never puts a
// credential in a URL.

export interface CreateRequest {
  readonly ciphertext: string;
  readonly readTokenHash: string;
  readonly maxReads?: number;
  readonly ttlSeconds?: number;
  readonly passphrase?: { salt: string; iterations: number; verifierHash: string };
}
export interface Created {
  readonly id: string;
  readonly expiresAt: string;
  readonly maxReads: number;
  readonly manageToken: string;
}
export interface Meta {
  readonly id: string;
  readonly expiresAt: string;
  readonly remainingReads: number;
  readonly passphrase: { salt: string; iterations: number } | null;
}
export interface ReadResult {
  readonly ciphertext: string;
  readonly remainingReads: number;
  readonly expiresAt: string;
}
export type ReceiptState = 'active' | 'burned' | 'revoked' | 'expired';
export interface Receipt {
  readonly state: ReceiptState;
  readonly maxReads: number;
  readonly remainingReads: number;
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly reads: readonly { at: string }[];
}

/** An answer from the API that is not a success: `code` is the stable error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The API could not be reached at all (network down, wrong URL, CORS). */
export class ApiUnreachableError extends Error {
  constructor(cause: unknown) {
    super('The SecretSentry service could not be reached.', { cause });
    this.name = 'ApiUnreachableError';
  }
}

export interface ApiClient {
  create(request: CreateRequest): Promise<Created>;
  meta(id: string, readToken: string): Promise<Meta>;
  read(id: string, readToken: string, verifier?: string): Promise<ReadResult>;
  revoke(id: string, manageToken: string): Promise<void>;
  receipt(id: string, manageToken: string): Promise<Receipt>;
}

export function createApiClient(
  baseUrl: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        credentials: 'omit',
      });
    } catch (error) {
      throw new ApiUnreachableError(error);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const err = (json ?? {}) as { error?: string; message?: string };
      throw new ApiError(
        response.status,
        err.error ?? 'http_' + response.status,
        err.message ?? `The service answered ${response.status}.`,
      );
    }
    return json as T;
  }

  const secret = (id: string) => `/secrets/${encodeURIComponent(id)}`;
  return {
    create: (request) => call<Created>('POST', '/secrets', undefined, request),
    meta: (id, readToken) => call<Meta>('GET', secret(id), readToken),
    read: (id, readToken, verifier) =>
      call<ReadResult>(
        'POST',
        `${secret(id)}/read`,
        readToken,
        verifier === undefined ? {} : { verifier },
      ),
    revoke: (id, manageToken) => call<void>('DELETE', secret(id), manageToken),
    receipt: (id, manageToken) => call<Receipt>('GET', `${secret(id)}/receipt`, manageToken),
  };
}
