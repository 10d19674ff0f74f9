// The one client of the HTTP API (docs/design.md §5), for the page, the CLI and the tests. Uses
// fetch; never puts a credential in a URL. Answers are checked against the contract's schemas.
import type * as z from 'zod/mini';
import {
  created,
  errorBody,
  filled,
  meta,
  readResult,
  receipt,
  sealed,
  type Created,
  type CreateRequest,
  type Filled,
  type Meta,
  type ReadResult,
  type Receipt,
  type ReceiptState,
  type Sealed,
  type SealRequest,
} from './contract.ts';

export type {
  Created,
  CreateRequest,
  Filled,
  Meta,
  ReadResult,
  Receipt,
  ReceiptState,
  Sealed,
  SealRequest,
};

/** An answer from the API that is not a success: `code` is the stable error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** With `wrong_passphrase`: how many more wrong passphrases the secret allows. */
  readonly attemptsLeft?: number;
  /** With `not_yet_open`: when the secret opens (ISO 8601). */
  readonly notBefore?: string;
  constructor(
    status: number,
    code: string,
    message: string,
    details: { readonly attemptsLeft?: number; readonly notBefore?: string } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (details.attemptsLeft !== undefined) this.attemptsLeft = details.attemptsLeft;
    if (details.notBefore !== undefined) this.notBefore = details.notBefore;
  }
}

/**
 * Something answered, but not as a SecretSentry API does (a wrong base URL, a proxy's error page, a
 * success without the fields every answer has): nothing it said can be trusted as the API's word.
 */
export class NotAnApiError extends Error {
  readonly status: number;
  constructor(status: number) {
    super('The server did not answer as a SecretSentry API (check the API URL).');
    this.name = 'NotAnApiError';
    this.status = status;
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
  /** Makes a file secret readable once its body is uploaded (manage token). */
  seal(id: string, manageToken: string, request: SealRequest): Promise<Sealed>;
  /** Fills a secret request once (fill token, from the fill link's public key). */
  fill(id: string, fillToken: string, ciphertext: string): Promise<Filled>;
  meta(id: string, readToken: string): Promise<Meta>;
  read(id: string, readToken: string, verifier?: string): Promise<ReadResult>;
  /** The recipient ends a secret it has read, with the read's credentials; consumes nothing else. */
  destroy(id: string, readToken: string, verifier?: string): Promise<void>;
  revoke(id: string, manageToken: string): Promise<void>;
  /** Ends one link (0–19) of a secret with several recipients; the others keep working. */
  revokeRecipient(id: string, manageToken: string, index: number): Promise<void>;
  receipt(id: string, manageToken: string): Promise<Receipt>;
}

export function createApiClient(
  baseUrl: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function call<T>(
    method: string,
    path: string,
    expected: (json: unknown) => json is T,
    token?: string,
    body?: unknown,
  ): Promise<T> {
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
        // A redirect would re-send the credential to wherever it points.
        redirect: 'error',
      });
    } catch (error) {
      throw new ApiUnreachableError(error);
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      if (isErrorBody(json)) {
        const { attemptsLeft, notBefore } = json;
        throw new ApiError(response.status, json.error, json.message, { attemptsLeft, notBefore });
      }
      // API Gateway and the WAF answer some errors themselves; only a JSON error is the API's word.
      throw new NotAnApiError(response.status);
    }
    if (response.status === 204) json = undefined;
    if (!expected(json)) throw new NotAnApiError(response.status);
    return json;
  }

  const secret = (id: string) => `/secrets/${encodeURIComponent(id)}`;
  return {
    create: (request) => call('POST', '/secrets', isCreated, undefined, request),
    seal: (id, manageToken, request) =>
      call('POST', `${secret(id)}/seal`, isSealed, manageToken, request),
    fill: (id, fillToken, ciphertext) =>
      call('POST', `${secret(id)}/fill`, isFilled, fillToken, { ciphertext }),
    meta: (id, readToken) => call('GET', secret(id), isMeta, readToken),
    read: (id, readToken, verifier) =>
      call(
        'POST',
        `${secret(id)}/read`,
        isReadResult,
        readToken,
        verifier === undefined ? {} : { verifier },
      ),
    destroy: (id, readToken, verifier) =>
      call(
        'POST',
        `${secret(id)}/destroy`,
        isNothing,
        readToken,
        verifier === undefined ? {} : { verifier },
      ),
    revoke: (id, manageToken) => call('DELETE', secret(id), isNothing, manageToken),
    revokeRecipient: (id, manageToken, index) =>
      call('DELETE', `${secret(id)}/recipients/${index}`, isNothing, manageToken),
    receipt: (id, manageToken) => call('GET', `${secret(id)}/receipt`, isReceipt, manageToken),
  };
}

// The shapes of the API's answers, checked before anything is shown or built from them (a `200 {}`
// must not become a link to `/s/undefined`). Extra fields are allowed: the API may grow.
const answer =
  <T>(schema: z.ZodMiniType<T>) =>
  (json: unknown): json is T =>
    schema.safeParse(json).success;
const isErrorBody = answer(errorBody);
const isCreated = answer(created);
const isFilled = answer(filled);
const isMeta = answer(meta);
const isReadResult = answer(readResult);
const isReceipt = answer(receipt);
const isSealed = answer(sealed);
const isNothing = (v: unknown): v is void => v === undefined;
