// `share --webhook` against the real local stack, which takes a receiver on this machine only when
// told to (WEBHOOK_ALLOW_LOOPBACK=true): the signing secret is printed once, last, and verifies the
// deliveries a `get` causes; a URL the CLI or the service refuses exits 2 before anything is stored.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startStack, tempDataDir, type RunningStack } from '../helpers/localStack.ts';
import { runCli } from './run-cli.ts';

let stack: RunningStack;
let receiver: Server;
let hookUrl: string;
const deliveries: { headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  stack = await startStack(tempDataDir(), { WEBHOOK_ALLOW_LOOPBACK: 'true' });
}, 30_000);

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await stack?.stop();
});

const env = () => ({ SECRETSENTRY_API_URL: stack.api });

async function deliveredAtLeast(count: number) {
  const end = Date.now() + 15_000;
  while (deliveries.length < count && Date.now() < end)
    await new Promise((resolve) => setTimeout(resolve, 25));
  return deliveries;
}

describe('share --webhook', () => {
  it('prints the signing secret in --json, and the reads it causes arrive signed with it', async () => {
    deliveries.length = 0;
    const shared = await runCli(['share', '--json', '--webhook', hookUrl], {
      stdin: 'fixture-webhook-cli',
      env: env(),
    });
    expect(shared.code).toBe(0);
    expect(shared.stderr).toBe('');
    const { link, webhookSecret } = JSON.parse(shared.stdout) as {
      link: string;
      webhookSecret: string;
    };
    expect(webhookSecret).toMatch(/^whsec_/);
    const got = await runCli(['get', link]);
    expect(got.stdout).toBe('fixture-webhook-cli');
    const events = (await deliveredAtLeast(2)).map(
      ({ headers, body }) =>
        new Webhook(webhookSecret).verify(body, {
          'webhook-id': String(headers['webhook-id']),
          'webhook-timestamp': String(headers['webhook-timestamp']),
          'webhook-signature': String(headers['webhook-signature']),
        }) as { type: string },
    );
    expect(events.map((e) => e.type)).toEqual(['secret.read', 'secret.burned']);
  });

  it('prints the signing secret last, after the link, in text', async () => {
    const shared = await runCli(['share', '--manage', '--webhook', hookUrl], {
      stdin: 'fixture-webhook-text',
      env: env(),
    });
    const lines = shared.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('/s/');
    expect(lines[1]).toContain('/m/');
    expect(lines[2]).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(shared.stderr).not.toContain(lines[2]);
  });

  it.each([
    ['not a URL', 'hooks.example.com/in', /--webhook must be an absolute https URL/],
    ['ftp', 'ftp://hooks.example.com/in', /--webhook must be an https URL/],
    ['http to another machine', 'http://hooks.example.com/in', /--webhook must be an https URL/],
    ['credentials', 'https://u:p@hooks.example.com/in', /must not carry a user name/],
  ])('refuses %s (2) before sending anything', async (_, url, message) => {
    const result = await runCli(['share', '--webhook', url], {
      stdin: 'fixture-refused',
      env: { SECRETSENTRY_API_URL: 'http://127.0.0.1:9/api' },
    });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it("exits 2 with the service's reason for a host it refuses (a private address)", async () => {
    const result = await runCli(['share', '--webhook', 'https://10.0.0.1/hook'], {
      stdin: 'fixture-private-hook',
      env: env(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('webhook.url: host must be a public internet address');
    expect(result.stdout).toBe('');
  });
});
