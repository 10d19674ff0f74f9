// No log line, at any level, may carry the ciphertext, a token or a verifier.
import { describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createMeta } from '../../lambdas/meta/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createReceipt } from '../../lambdas/receipt/endpoint.ts';
import { createHandler as createRevoke } from '../../lambdas/revoke/endpoint.ts';
import {
  captureOutput,
  conditionFailed,
  dynamo,
  objectBody,
  s3,
  talkativeTelemetry,
  testDeps,
  testHttp,
} from '../helpers/aws.ts';
import {
  apiEvent,
  credentials,
  lambdaContext,
  record,
  sampleJwe,
  withPassphrase,
} from '../helpers/fixtures.ts';

type Handler = (e: APIGatewayProxyEvent, c: typeof lambdaContext) => Promise<APIGatewayProxyResult>;

// The most talkative configuration: every log level and the metrics output on.
const deps = testDeps({ http: testHttp(talkativeTelemetry()) });
const handlers: Record<string, Handler> = {
  create: createCreate(deps),
  read: createRead(deps),
  meta: createMeta(deps),
  revoke: createRevoke(deps),
  receipt: createReceipt(deps),
};

describe('logging', () => {
  it('never writes the ciphertext, a read or manage token, or a verifier', async () => {
    const creds = credentials();
    const wrongVerifier = credentials().verifier;
    const jwe = await sampleJwe('do-not-log-this');
    const output = captureOutput();
    try {
      const run = (name: string, event: Partial<APIGatewayProxyEvent>) =>
        handlers[name]!(apiEvent(event), lambdaContext);
      const json = { 'Content-Type': 'application/json' };
      const auth = (t: string) => ({ Authorization: `Bearer ${t}`, ...json });

      // create, with S3 failing once and then working
      s3.on(PutObjectCommand).rejectsOnce(new Error('boom')).resolves({ VersionId: 'v' });
      dynamo.on(PutCommand).resolves({});
      const body = JSON.stringify({ ciphertext: jwe, readTokenHash: record(creds).readTokenHash });
      await run('create', { httpMethod: 'POST', headers: json, body });
      const created = await run('create', { httpMethod: 'POST', headers: json, body });
      const { manageToken } = JSON.parse(created.body) as { manageToken: string };

      // reads: a lost race, a failed delete, a wrong verifier that destroys, a dependency failure
      const secret = record(creds, { ...withPassphrase(creds), failedAttempts: 4 });
      dynamo.on(GetCommand).resolves({ Item: { ...secret, failedAttempts: 0 } });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v' });
      dynamo.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});
      s3.on(DeleteObjectCommand).rejects(new Error(`delete failed for ${jwe}`));
      const id = { pathParameters: { id: secret.id } };
      await run('read', {
        httpMethod: 'POST',
        ...id,
        headers: auth(creds.readToken),
        body: JSON.stringify({ verifier: creds.verifier }),
      });
      dynamo.on(GetCommand).resolves({ Item: secret });
      await run('read', {
        httpMethod: 'POST',
        ...id,
        headers: auth(creds.readToken),
        body: JSON.stringify({ verifier: wrongVerifier }),
      });
      dynamo.on(GetCommand).rejects(new Error(`throttled ${creds.readToken}`));
      await run('meta', { httpMethod: 'GET', ...id, headers: auth(creds.readToken) });
      await run('receipt', { httpMethod: 'GET', ...id, headers: auth(manageToken) });
      await run('revoke', { httpMethod: 'DELETE', ...id, headers: auth(creds.manageToken) });
    } finally {
      output.restore();
    }
    const logged = output.text();
    // The capture saw real output, so an empty log cannot pass this test by accident.
    expect(logged).toMatch(/request failed/);
    expect(logged).toMatch(/SecretCreated/);
    for (const material of [
      jwe,
      'do-not-log-this',
      creds.readToken,
      creds.manageToken,
      creds.verifier,
      wrongVerifier,
    ]) {
      expect(logged).not.toContain(material);
    }
  });
});
