// A corpus of hostile and careless requests: each gets a clear 4xx with a stable code, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { seal } from '../../core/envelope.ts';
import { startStack, type RunningStack } from '../helpers/localStack.ts';

let stack: RunningStack;
let validJwe: string;
let hash: string;

beforeAll(async () => {
  stack = await startStack();
  const sealed = await seal('fixture');
  validJwe = sealed.ciphertext;
  hash = sealed.readTokenHash;
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

interface Probe {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly expect: number;
}

const json = { 'Content-Type': 'application/json' };
const id = 'AAAAAAAAAAAAAAAAAAAAAA';

function corpus(): Probe[] {
  const create = (body: string, status = 400, headers: Record<string, string> = json): Probe => ({
    name: `create ${body.slice(0, 40)}`,
    method: 'POST',
    path: '/api/secrets',
    headers,
    body,
    expect: status,
  });
  return [
    create('{'),
    create('null'),
    create('[]'),
    create('"text"'),
    create('{"ciphertext": 1, "readTokenHash": 2}'),
    create(JSON.stringify({ ciphertext: 'hunter2', readTokenHash: hash })),
    create(JSON.stringify({ ciphertext: validJwe, readTokenHash: hash, maxReads: 0 })),
    create(JSON.stringify({ ciphertext: validJwe, readTokenHash: hash, maxReads: 101 })),
    create(JSON.stringify({ ciphertext: validJwe, readTokenHash: hash, maxReads: 1.5 })),
    create(JSON.stringify({ ciphertext: validJwe, readTokenHash: hash, maxReads: '2' })),
    create(JSON.stringify({ ciphertext: validJwe, readTokenHash: hash, ttlSeconds: 259201 })),
    create(`{"ciphertext": "${validJwe}", "readTokenHash": "${hash}", "ttlSeconds": 1e400}`),
    create(
      JSON.stringify({
        ciphertext: validJwe,
        readTokenHash: hash,
        passphrase: { salt: 'AA', iterations: 1, verifierHash: hash },
      }),
    ),
    create(
      JSON.stringify({
        ciphertext: validJwe,
        readTokenHash: hash,
        __proto__: { admin: true },
        constructor: 1,
      }),
    ),
    create('\u0000\u0001\u0002'),
    create('{"a":'.repeat(5000)),
    create(JSON.stringify({ ciphertext: validJwe, readTokenHash: hash }), 415, {
      'Content-Type': 'text/plain',
    }),
    create(JSON.stringify({ ciphertext: validJwe, readTokenHash: hash }), 415, {}),
    create('{"ciphertext":"' + 'A'.repeat(3 * 1024 * 1024) + '"}', 413),
    { name: 'odd id', method: 'GET', path: '/api/secrets/%2e%2e%2f%2e%2e', expect: 404 },
    { name: 'bad percent-encoding', method: 'GET', path: '/api/secrets/%E0%A4%A', expect: 404 },
    { name: 'very long id', method: 'GET', path: '/api/secrets/' + 'A'.repeat(5000), expect: 404 },
    {
      name: 'unicode id',
      method: 'GET',
      path: '/api/secrets/' + encodeURIComponent('ÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅ'),
      expect: 404,
    },
    { name: 'no token', method: 'GET', path: `/api/secrets/${id}`, expect: 404 },
    {
      name: 'basic auth',
      method: 'GET',
      path: `/api/secrets/${id}`,
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
      expect: 404,
    },
    {
      name: 'huge token',
      method: 'GET',
      path: `/api/secrets/${id}`,
      headers: { Authorization: 'Bearer ' + 'x'.repeat(8000) },
      expect: 404,
    },
    {
      name: 'read with junk body',
      method: 'POST',
      path: `/api/secrets/${id}/read`,
      headers: json,
      body: '{{{',
      expect: 400,
    },
    {
      name: 'read with form body',
      method: 'POST',
      path: `/api/secrets/${id}/read`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
      expect: 415,
    },
    {
      name: 'read unknown',
      method: 'POST',
      path: `/api/secrets/${id}/read`,
      headers: json,
      body: '{}',
      expect: 404,
    },
    { name: 'GET read', method: 'GET', path: `/api/secrets/${id}/read`, expect: 405 },
    {
      name: 'PUT secret',
      method: 'PUT',
      path: `/api/secrets/${id}`,
      headers: json,
      body: '{}',
      expect: 405,
    },
    { name: 'PATCH collection', method: 'PATCH', path: '/api/secrets', expect: 405 },
    { name: 'GET collection', method: 'GET', path: '/api/secrets', expect: 405 },
    { name: 'DELETE receipt', method: 'DELETE', path: `/api/secrets/${id}/receipt`, expect: 405 },
    { name: 'unknown path', method: 'GET', path: '/api/admin', expect: 404 },
    { name: 'trailing slash', method: 'GET', path: '/api/secrets/', expect: 404 },
    { name: 'revoke no token', method: 'DELETE', path: `/api/secrets/${id}`, expect: 404 },
    { name: 'receipt no token', method: 'GET', path: `/api/secrets/${id}/receipt`, expect: 404 },
    { name: 'page POST', method: 'POST', path: '/s/abc', body: 'x', expect: 405 },
    { name: 'path traversal', method: 'GET', path: '/../../etc/passwd', expect: 404 },
  ];
}

function send(
  probe: Probe,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: probe.method,
        path: probe.path,
        headers: probe.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(probe.body);
  });
}

describe('bad input', () => {
  it('never yields a 5xx, and every API error is a JSON body with a stable code and no-store', async () => {
    const failures: string[] = [];
    for (const probe of corpus()) {
      const res = await send(probe);
      if (res.status !== probe.expect)
        failures.push(`${probe.name}: ${res.status} (expected ${probe.expect})`);
      if (probe.path.startsWith('/api/')) {
        const parsed = JSON.parse(res.body) as { error?: string; message?: string };
        expect(typeof parsed.error).toBe('string');
        expect(typeof parsed.message).toBe('string');
        expect(res.body).not.toMatch(/at \w+ \(|node_modules|Error:/);
        expect(res.headers['cache-control']).toBe('no-store');
      }
    }
    expect(failures).toEqual([]);
  });

  it('says which methods a path allows', async () => {
    const res = await send({
      name: 'GET read',
      method: 'GET',
      path: `/api/secrets/${id}/read`,
      expect: 405,
    });
    expect(res.headers.allow).toBe('POST');
    expect(JSON.parse(res.body)).toMatchObject({ error: 'method_not_allowed' });
  });

  it('is still healthy after the corpus', async () => {
    const res = await send({ name: 'health', method: 'GET', path: '/api/health', expect: 200 });
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });
});
