// The OpenAPI document against the route table, the contract and LIMITS; docs/api.md against the
// document; and which handlers may carry the document's generator.
import { describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { build } from 'esbuild';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod/mini';
import { base64urlByteLength } from '../../core/base64url.ts';
import { ERRORS, ERROR_CODES, LIMITS, createRequest, errorBody } from '../../core/contract.ts';
import { seal } from '../../core/envelope.ts';
import { openApiDocument, pathParameterNames } from '../../core/openapi.ts';
import { ROUTES, handlerEntry, type Route } from '../../core/routes.ts';
import { readApiDoc, type CurlExample } from '../helpers/apiDoc.ts';

type Json = Record<string, unknown>;
interface Schema extends Json {
  readonly properties?: Record<string, Schema>;
  readonly required?: string[];
  readonly anyOf?: Schema[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly $ref?: string;
}
interface Response {
  readonly headers?: Record<string, { $ref: string }>;
  readonly content?: Record<
    string,
    { schema: Schema; examples?: Record<string, { $ref: string }> }
  >;
}
interface Operation {
  readonly operationId: string;
  readonly security: Record<string, string[]>[];
  readonly requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  readonly responses: Record<string, Response>;
}
interface Document {
  readonly openapi: string;
  readonly servers: { url: string }[];
  readonly paths: Record<string, Record<string, Operation | Json[]>>;
  readonly components: {
    readonly schemas: Record<string, Schema>;
    readonly parameters: Record<string, { name: string; in: string; required: boolean }>;
    readonly securitySchemes: Record<string, { type: string; scheme: string }>;
    readonly headers: Record<string, { schema: Schema }>;
    readonly examples: Record<string, { summary: string; value: unknown }>;
  };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const doc = openApiDocument() as unknown as Document;

/** Follows one local `$ref` (`#/components/<section>/<name>`). */
function resolve<T>(node: { $ref?: string } | T): T {
  const ref = (node as { $ref?: string }).$ref;
  if (ref === undefined) return node as T;
  const [, section = '', name = ''] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
  const target = (doc.components as unknown as Record<string, Record<string, T>>)[section]?.[name];
  if (target === undefined) throw new Error(`unresolved ${ref}`);
  return target;
}

function operations(): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => m in item).map((m) => ({
      method: m.toUpperCase(),
      path,
      op: item[m] as Operation,
    })),
  );
}

const operationOf = (route: Route): Operation => {
  const op = doc.paths[route.path]?.[route.method.toLowerCase()];
  if (!op) throw new Error(`no ${route.method} ${route.path} in the document`);
  return op as Operation;
};

const createSchema = () => doc.components.schemas.CreateRequest as Schema;
const property = (schema: Schema, ...path: string[]): Schema =>
  path.reduce<Schema>((node, key) => {
    const next = key === 'passphrase.object' ? node.anyOf?.[0] : node.properties?.[key];
    if (!next) throw new Error(`no ${key}`);
    return next;
  }, schema);

/** What a JSON Schema validator would say of a string against these keywords. */
const fits = (schema: Schema, value: string): boolean =>
  new RegExp(schema.pattern ?? '', 'u').test(value) &&
  value.length >= (schema.minLength ?? 0) &&
  value.length <= (schema.maxLength ?? Infinity);

/** The object shape of a zod schema: its keys, and which of them it requires. */
function shapeOf(schema: z.ZodMiniType): { keys: string[]; required: string[] } {
  const shape = (schema as unknown as { _zod: { def: { shape: Record<string, z.ZodMiniType> } } })
    ._zod.def.shape;
  const keys = Object.keys(shape);
  const required = keys.filter(
    (k) => (shape[k] as unknown as { _zod: { optin?: string } })._zod.optin !== 'optional',
  );
  return { keys: keys.sort(), required: required.sort() };
}

/** The alternatives of a union (a text or a file read), or the schema itself. */
function optionsOf(schema: z.ZodMiniType): z.ZodMiniType[] {
  const def = (schema as unknown as { _zod: { def: { type: string; options?: z.ZodMiniType[] } } })
    ._zod.def;
  return def.type === 'union' && def.options ? def.options : [schema];
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1.0 document to the real validator, every $ref resolving', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('has the method and path of every route and nothing else', () => {
    const documented = operations().map(
      ({ method, path, op }) => `${method} ${path} ${op.operationId}`,
    );
    const routes = ROUTES.map((r) => `${r.method} ${r.path} ${r.name}`);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('declares each path parameter of a template, required, and none it lacks', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const declared = ((item.parameters ?? []) as Json[]).map((p) =>
        resolve<{ name: string; in: string; required: boolean }>(p),
      );
      expect(declared.map((p) => [p.name, p.in, p.required])).toEqual(
        pathParameterNames(path).map((name) => [name, 'path', true]),
      );
    }
  });

  it("asks for each route's bearer credential, and for none where the route takes none", () => {
    for (const route of ROUTES) {
      const { security } = operationOf(route);
      if (route.credential === 'none') expect(security).toEqual([]);
      else {
        expect(security).toEqual([{ [route.credential]: [] }]);
        expect(doc.components.securitySchemes[route.credential]).toMatchObject({
          type: 'http',
          scheme: 'bearer',
        });
      }
    }
  });

  it("describes each route's request and success bodies with the fields of its contract schema", () => {
    for (const route of ROUTES) {
      const op = operationOf(route);
      if (route.body) {
        expect(op.requestBody?.required).toBe(!route.body.optional);
        const schema = resolve<Schema>(op.requestBody?.content['application/json']?.schema ?? {});
        expect({
          keys: Object.keys(schema.properties ?? {}).sort(),
          required: [...(schema.required ?? [])].sort(),
        }).toEqual(shapeOf(route.body.schema));
      } else {
        expect(op.requestBody).toBeUndefined();
      }
      const success = op.responses[String(route.success.status)];
      expect(success).toBeDefined();
      if (route.success.schema) {
        const schema = resolve<Schema>(success?.content?.['application/json']?.schema ?? {});
        const options = optionsOf(route.success.schema);
        const documented = options.length > 1 ? (schema.anyOf ?? []) : [schema];
        expect(documented.map((o) => Object.keys(o.properties ?? {}).sort())).toEqual(
          options.map((o) => shapeOf(o).keys),
        );
      } else {
        expect(success?.content).toBeUndefined();
      }
    }
  });

  it('keeps response objects open, as the contract does for fields a newer API adds', () => {
    for (const name of ['Created', 'Meta', 'ReadResult', 'Receipt', 'Error']) {
      expect(doc.components.schemas[name]?.additionalProperties).toBeUndefined();
    }
    expect(createSchema().additionalProperties).toBe(false);
  });

  it('answers each error code a route can meet under its status, as an Error', () => {
    for (const route of ROUTES) {
      const op = operationOf(route);
      const errorStatuses = Object.keys(op.responses).filter(
        (s) => s !== String(route.success.status),
      );
      expect(errorStatuses.sort()).toEqual(
        [...new Set(route.errors.map((c) => String(ERRORS[c].status)))].sort(),
      );
      for (const status of errorStatuses) {
        const media = op.responses[status]?.content?.['application/json'];
        const codes = route.errors.filter((c) => String(ERRORS[c].status) === status);
        expect(media?.schema).toEqual({
          allOf: [{ $ref: '#/components/schemas/Error' }],
          properties: { error: { enum: codes } },
        });
        expect(Object.keys(media?.examples ?? {})).toEqual(codes);
      }
    }
  });

  it('sends Cache-Control: no-store with every answer, success or error', () => {
    expect(
      resolve<{ schema: Schema }>(doc.components.headers['Cache-Control'] ?? {}),
    ).toMatchObject({ schema: { const: 'no-store' } });
    for (const { op } of operations()) {
      for (const response of Object.values(op.responses)) {
        expect(response.headers?.['Cache-Control']).toEqual({
          $ref: '#/components/headers/Cache-Control',
        });
      }
    }
  });

  it('names every code of ERRORS with its status and message, and no other', () => {
    expect(doc.components.schemas.ErrorCode?.enum).toEqual(ERROR_CODES);
    expect(Object.keys(doc.components.examples)).toEqual(ERROR_CODES);
    for (const code of ERROR_CODES) {
      expect(doc.components.examples[code]).toEqual({
        summary: `${ERRORS[code].status} ${code}`,
        value: {
          error: code,
          message: ERRORS[code].message,
          ...(code === 'wrong_passphrase' ? { attemptsLeft: LIMITS.maxFailedAttempts - 1 } : {}),
          ...(code === 'not_yet_open' ? { notBefore: expect.any(String) } : {}),
        },
      });
      expect(errorBody.safeParse(doc.components.examples[code]?.value).success).toBe(true);
    }
  });

  it('tells a wrong passphrase, with the tries left, from the one that destroyed the secret', () => {
    const read = ROUTES.find((r) => r.name === 'read');
    const unauthorized = read && operationOf(read).responses['401'];
    expect(unauthorized?.content?.['application/json']?.schema.properties?.error).toEqual({
      enum: ['unauthorized', 'wrong_passphrase', 'locked'],
    });
    const attemptsLeft = doc.components.schemas.Error?.properties?.attemptsLeft;
    expect(attemptsLeft).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: LIMITS.maxFailedAttempts - 1,
    });
    expect(attemptsLeft?.description).toMatch(/wrong_passphrase/);
    expect(doc.components.schemas.Error?.required).not.toContain('attemptsLeft');
  });

  it('gives the receipt the locked state and the count of every wrong passphrase', () => {
    const receipt = doc.components.schemas.Receipt;
    expect(receipt?.properties?.state?.enum).toContain('locked');
    expect(receipt?.properties?.state?.description).toMatch(/locked/);
    expect(receipt?.properties?.failedAttempts).toMatchObject({ type: 'integer', minimum: 0 });
    expect(receipt?.required).toContain('failedAttempts');
  });

  it('serves the local stack relative to /api', () => {
    expect(doc.servers[0]?.url).toBe('/api');
  });
});

describe('the bounds in the document', () => {
  it('are the bounds of LIMITS', () => {
    const create = createSchema();
    const passphrase = property(create, 'passphrase', 'passphrase.object');
    expect(property(create, 'ciphertext').maxLength).toBe(LIMITS.ciphertextChars);
    expect(property(create, 'maxReads')).toMatchObject({
      type: 'integer',
      minimum: LIMITS.maxReads.min,
      maximum: LIMITS.maxReads.max,
      default: LIMITS.maxReads.default,
    });
    expect(property(create, 'ttlSeconds')).toMatchObject({
      type: 'integer',
      minimum: LIMITS.ttlSeconds.min,
      maximum: LIMITS.ttlSeconds.max,
      default: LIMITS.ttlSeconds.default,
    });
    expect(property(passphrase, 'iterations')).toMatchObject({
      type: 'integer',
      minimum: LIMITS.minIterations,
      maximum: LIMITS.maxIterations,
    });
    const salt = property(passphrase, 'salt');
    expect(base64urlByteLength('A'.repeat(salt.minLength ?? 0))).toBe(LIMITS.saltBytes.min);
    expect(base64urlByteLength('A'.repeat(salt.maxLength ?? 0))).toBe(LIMITS.saltBytes.max);
    for (const hash of [property(create, 'readTokenHash'), property(passphrase, 'verifierHash')]) {
      expect(base64urlByteLength('A'.repeat(hash.maxLength ?? 0))).toBe(32);
    }
  });
});

describe('the patterns that stand in for refinements', () => {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  const b64chars = (min: number, max: number) =>
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      minLength: min,
      maxLength: max,
    });
  const accepts = (body: Json) => createRequest.safeParse(body).success;
  let valid: Json;
  const base = async () => {
    valid ??= {
      ciphertext: (await seal('fixture')).ciphertext,
      readTokenHash: b64(new Uint8Array(32)),
    };
    return valid;
  };

  it('readTokenHash and verifierHash: exactly the canonical 32-byte base64url the contract accepts', async () => {
    const body = await base();
    const create = createSchema();
    const passphrase = property(create, 'passphrase', 'passphrase.object');
    const candidates = fc.oneof(
      b64chars(40, 46),
      fc.uint8Array({ minLength: 31, maxLength: 33 }).map(b64),
    );
    fc.assert(
      fc.property(candidates, (s) => {
        expect(fits(property(create, 'readTokenHash'), s)).toBe(
          accepts({ ...body, readTokenHash: s }),
        );
        const protectedBody = {
          ...body,
          passphrase: {
            salt: b64(new Uint8Array(16)),
            iterations: LIMITS.minIterations,
            verifierHash: s,
          },
        };
        expect(fits(property(passphrase, 'verifierHash'), s)).toBe(accepts(protectedBody));
      }),
      { numRuns: 2000 },
    );
  });

  it('salt: exactly the base64url salts of the allowed sizes the contract accepts', async () => {
    const body = await base();
    const salt = property(createSchema(), 'passphrase', 'passphrase.object', 'salt');
    const candidates = fc.oneof(
      b64chars(18, 90),
      fc.uint8Array({ minLength: 14, maxLength: 66 }).map(b64),
    );
    fc.assert(
      fc.property(candidates, (s) => {
        const withSalt = {
          ...body,
          passphrase: {
            salt: s,
            iterations: LIMITS.minIterations,
            verifierHash: body.readTokenHash,
          },
        };
        expect(fits(salt, s)).toBe(accepts(withSalt));
      }),
      { numRuns: 2000 },
    );
  });

  it('ciphertext: admits every JWE of the profile and refuses its wrong shapes, as the contract does', async () => {
    const body = await base();
    const ciphertext = property(createSchema(), 'ciphertext');
    expect(fits(ciphertext, String(body.ciphertext))).toBe(true);
    const header = Buffer.from('{"alg":"dir","enc":"A256GCM"}').toString('base64url');
    const part = (min: number, max: number) =>
      fc.uint8Array({ minLength: min, maxLength: max }).map(b64);
    const jwe = fc
      .tuple(part(0, 2), part(10, 14), part(0, 40), part(14, 18), fc.constantFrom(4, 5, 6))
      .map(([key, iv, text, tag, parts]) =>
        [header, key, iv, text, tag, 'AA'].slice(0, parts).join('.'),
      );
    fc.assert(
      fc.property(jwe, (s) => {
        expect(fits(ciphertext, s)).toBe(accepts({ ...body, ciphertext: s }));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('docs/api.md', () => {
  const apiDoc = readApiDoc();
  /** Leaves each shell variable visible, as `{NAME}`. */
  const placeholders = (name: string) => `{${name}}`;
  const requestOf = (example: CurlExample) => example.request(placeholders);
  /** The API's examples; the others call a presigned S3 URL (a file's upload). */
  const apiExamples = apiDoc.examples.filter((e) => !e.external);

  /** The document path a `{API}/…` URL calls, matched segment by segment against the templates. */
  function documentPath(url: string): string | undefined {
    const path = url.replace(/^\{API\}/, '');
    const segments = path.split('/');
    return Object.keys(doc.paths).find((template) => {
      const parts = template.split('/');
      return (
        parts.length === segments.length &&
        parts.every((p, i) => p === segments[i] || (/^\{\w+\}$/.test(p) && segments[i] !== ''))
      );
    });
  }

  function routeOf(example: CurlExample): Route | undefined {
    const { method, url } = requestOf(example);
    const path = documentPath(url);
    const op = path === undefined ? undefined : doc.paths[path]?.[method.toLowerCase()];
    return ROUTES.find((r) => r.name === (op as Operation | undefined)?.operationId);
  }

  it('calls S3 only to upload a body, to the presigned URL create answered, without a credential', () => {
    const external = apiDoc.examples.filter((e) => e.external);
    expect(external.length).toBeGreaterThan(0);
    for (const example of external) {
      const { method, url, headers } = requestOf(example);
      expect([example.line, method, url, headers.authorization]).toEqual([
        example.line,
        'PUT',
        '{UPLOAD_URL}',
        undefined,
      ]);
    }
  });

  it('calls only methods and paths of the document; another method on a known path shows its 405', () => {
    expect(apiDoc.examples.length).toBeGreaterThan(0);
    for (const example of apiExamples) {
      const { method, url } = requestOf(example);
      const where = `docs/api.md:${example.line}: ${method} ${url}`;
      expect([where, url.startsWith('{API}/')]).toEqual([where, true]);
      const path = documentPath(url);
      expect([where, path]).toEqual([where, expect.any(String)]);
      if (routeOf(example)) continue;
      const allowed = HTTP_METHODS.filter((m) => m in (doc.paths[path ?? ''] ?? {})).map((m) =>
        m.toUpperCase(),
      );
      expect([where, example.answer.status, example.answer.headers.allow]).toEqual([
        where,
        ERRORS.method_not_allowed.status,
        allowed.join(', '),
      ]);
    }
  });

  it('shows every route called, answering its success status', () => {
    for (const route of ROUTES) {
      const shown = apiExamples.filter(
        (e) => routeOf(e) === route && e.answer.status === route.success.status,
      );
      expect([route.name, shown.length > 0]).toEqual([route.name, true]);
    }
  });

  it('shows answers the contract accepts: the success body, or an error the route can answer', () => {
    for (const example of apiExamples) {
      const route = routeOf(example);
      const { status, headers, body } = example.answer;
      const where = `docs/api.md:${example.line}`;
      expect([where, headers['cache-control']]).toEqual([where, 'no-store']);
      const json: unknown = body === '' ? undefined : JSON.parse(body);
      if (route && status === route.success.status) {
        if (route.success.schema) route.success.schema.parse(json);
        else expect([where, body]).toEqual([where, '']);
        continue;
      }
      const error = errorBody.parse(json);
      const code = error.error as keyof typeof ERRORS;
      expect([where, ERRORS[code]?.status]).toEqual([where, status]);
      if (route) expect([where, route.errors]).toEqual([where, expect.arrayContaining([code])]);
    }
  });

  it('never puts a credential in a URL: tokens go in Authorization: Bearer', () => {
    for (const example of apiExamples) {
      const { url, headers } = requestOf(example);
      expect(url).not.toMatch(/\?|\{(READ_TOKEN|MANAGE_TOKEN|K)\}/);
      const route = routeOf(example);
      if (route && route.credential !== 'none') {
        const token = {
          readToken: '{READ_TOKEN}',
          manageToken: '{MANAGE_TOKEN}',
          fillToken: '{FILL_TOKEN}',
        }[route.credential];
        expect([example.line, headers.authorization]).toEqual([example.line, `Bearer ${token}`]);
      }
    }
  });

  it('lists exactly the error codes of ERRORS, each with its status and whether a retry is safe', () => {
    const rows = apiDoc.table('Error codes');
    expect(rows.map(([, code]) => code?.replace(/`/g, ''))).toEqual(ERROR_CODES);
    for (const [status, code, meaning, retry] of rows) {
      expect([code, Number(status)]).toEqual([
        code,
        ERRORS[(code ?? '').replace(/`/g, '') as keyof typeof ERRORS]?.status,
      ]);
      expect([code, (meaning ?? '') !== '' && (retry ?? '') !== '']).toEqual([code, true]);
    }
    const retryOf = (code: string) => rows.find(([, c]) => c === `\`${code}\``)?.[3] ?? '';
    expect(retryOf('unavailable')).toMatch(/nothing was consumed/);
    expect(retryOf('outcome_unknown')).toMatch(/may have been counted/);
  });

  it('states the bounds of LIMITS', () => {
    const rows = apiDoc.table('Bounds');
    const row = (name: string) =>
      rows
        .find(([first]) => first === name)
        ?.slice(1)
        .join(' | ') ?? '';
    expect(row('`maxReads`')).toMatch(
      new RegExp(
        `^${LIMITS.maxReads.min}–${LIMITS.maxReads.max}\\b.* \\| ${LIMITS.maxReads.default}$`,
      ),
    );
    expect(row('`ttlSeconds`')).toMatch(
      new RegExp(
        `^${LIMITS.ttlSeconds.min}–${LIMITS.ttlSeconds.max}\\b.* \\| ${LIMITS.ttlSeconds.default}$`,
      ),
    );
    expect(row('`ciphertext`')).toContain(`at most ${LIMITS.ciphertextChars} characters`);
    expect(row('request body')).toContain(`at most ${LIMITS.bodyBytes} bytes`);
    expect(row('`passphrase.iterations`')).toContain(
      `${LIMITS.minIterations}–${LIMITS.maxIterations}`,
    );
    expect(row('`passphrase.salt`')).toContain(
      `${LIMITS.saltBytes.min}–${LIMITS.saltBytes.max} bytes`,
    );
    expect(row('wrong passphrase verifiers in a row')).toContain(
      `${LIMITS.maxFailedAttempts} destroy`,
    );
    expect(row('receipt')).toContain(`${LIMITS.receiptRetentionSeconds / 86_400} days`);
  });

  it('points at GET /api/openapi.json as the machine-readable contract', () => {
    const intro = apiDoc.text.slice(0, apiDoc.text.indexOf('\n## '));
    expect(intro).toContain('machine-readable contract');
    expect(intro).toContain('`GET /api/openapi.json`');
  });
});

describe('the handlers', () => {
  /**
   * The files whose code ends up in a handler's bundle, bundled as lib/constructs/api-function.ts
   * does (dependencies included, minified, so tree shaking counts): only what costs a cold start.
   */
  async function bundled(route: Route): Promise<string[]> {
    const result = await build({
      entryPoints: [handlerEntry(route)],
      absWorkingDir: ROOT,
      outdir: 'bundle',
      bundle: true,
      write: false,
      metafile: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    return Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file),
    );
  }

  it("leave the document and zod's JSON Schema generation to the openapi handler, which bundles no store", async () => {
    const bundles = await Promise.all(ROUTES.map(async (r) => [r.name, await bundled(r)] as const));
    for (const [name, files] of bundles) {
      const generates = files.filter(
        (f) => f === 'core/openapi.ts' || f.endsWith('/to-json-schema.js'),
      );
      expect([name, generates.length]).toEqual([name, name === 'openapi' ? 2 : 0]);
      if (name === 'openapi') {
        expect(
          files.filter((f) =>
            /^lambdas\/shared\/(clients|deps|tokenStore|vault)\.ts$|@aws-sdk\//.test(f),
          ),
        ).toEqual([]);
      }
    }
  }, 60_000);
});
