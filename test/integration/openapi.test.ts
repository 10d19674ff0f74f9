// The local stack serves its OpenAPI document, and docs/api.md's examples, run in order against it,
// answer what the doc shows.
import { describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decryptBodyBytes, deriveBodyKey } from '../../core/body-stream.ts';
import { errorBody, type Created, type FileReadResult } from '../../core/contract.ts';
import { decryptJwe, deriveReadToken, parseKey } from '../../core/envelope.ts';
import { createApiClient } from '../../core/api.ts';
import { prepareReveal, revealSecret } from '../../core/flows.ts';
import { openApiDocument } from '../../core/openapi.ts';
import { matchRoute } from '../../core/routes.ts';
import { readApiDoc } from '../helpers/apiDoc.ts';
import { stackForThisFile } from '../helpers/localStack.ts';

const stack = stackForThisFile();

describe('GET /api/openapi.json', () => {
  it('answers 200 with the OpenAPI document as JSON, not to be stored, valid', async () => {
    const res = await fetch(`${stack.api}/openapi.json`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual(openApiDocument());
    await expect(SwaggerParser.validate(body as never)).resolves.toBeDefined();
  });

  it('answers any other method with 405 and Allow: GET', async () => {
    const res = await fetch(`${stack.api}/openapi.json`, { method: 'POST' });

    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toMatchObject({ error: 'method_not_allowed' });
  });
});

describe('docs/api.md against the local stack', () => {
  it('answers each example, in order, with the status and error it shows; open.mjs opens the read', async () => {
    const doc = readApiDoc();
    const dir = mkdtempSync(path.join(tmpdir(), 'secretsentry-api-doc-'));
    for (const name of ['seal.mjs', 'open.mjs', 'seal-file.mjs']) {
      writeFileSync(path.join(dir, name), doc.scripts[name] ?? `throw new Error('no ${name}')`);
    }
    const plaintext = 'not-a-real-password';
    const sealed = execFileSync(process.execPath, ['seal.mjs'], {
      cwd: dir,
      input: plaintext,
      encoding: 'utf8',
    });
    const vars: Record<string, string> = { API: stack.api };
    for (const [, name = '', value = ''] of sealed.matchAll(/(\w+)=(\S+)/g)) vars[name] = value;
    // Several recipients: the same ciphertext, a create body with a link secret each.
    writeFileSync(
      path.join(dir, 'recipients.mjs'),
      doc.scripts['recipients.mjs'] ?? "throw new Error('no recipients.mjs')",
    );
    const linked = execFileSync(process.execPath, ['recipients.mjs', vars.K ?? ''], {
      cwd: dir,
      encoding: 'utf8',
    });
    for (const [, name = '', value = ''] of linked.matchAll(/(\w+)=(\S+)/g)) vars[name] = value;
    // The secret request's scripts: the requester's key pair, then the holder's fill to its key.
    for (const name of ['request.mjs', 'fill.mjs'])
      writeFileSync(path.join(dir, name), doc.scripts[name] ?? `throw new Error('no ${name}')`);
    const requested = execFileSync(process.execPath, ['request.mjs'], {
      cwd: dir,
      encoding: 'utf8',
    });
    for (const [, name = '', value = ''] of requested.matchAll(/(\w+)=(\S+)/g)) vars[name] = value;
    const filledWith = 'requested-password';
    const fillOut = execFileSync(process.execPath, ['fill.mjs', vars.X ?? ''], {
      cwd: dir,
      input: filledWith,
      encoding: 'utf8',
    });
    for (const [, name = '', value = ''] of fillOut.matchAll(/(\w+)=(\S+)/g)) vars[name] = value;
    const fileText = 'db-password\n';
    execFileSync(process.execPath, ['seal-file.mjs', vars.K ?? ''], {
      cwd: dir,
      input: fileText,
    });
    let downloaded: string | undefined;
    const env = (name: string): string => {
      const value = vars[name];
      if (value === undefined) throw new Error(`docs/api.md uses $${name} before it is known`);
      return value;
    };
    // The link <page>/s/$ID#$K must work in the page and the CLI: their envelope derives the same token.
    expect((await deriveReadToken(parseKey(env('K')))).readToken).toBe(env('READ_TOKEN'));
    let opened: string | undefined;
    let decrypted: string | undefined;

    for (const example of doc.examples) {
      const request = example.request(env);
      const body =
        request.data === undefined
          ? undefined
          : 'file' in request.data
            ? readFileSync(path.join(dir, request.data.file))
            : request.data.text;
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body,
      });
      const text = await res.text();

      const where = `docs/api.md:${example.line}`;
      expect([where, res.status, res.status >= 400 ? text : '']).toEqual([
        where,
        example.answer.status,
        example.answer.status >= 400 ? expect.any(String) : '',
      ]);
      // A presigned upload is S3's answer, not the API's.
      if (example.external) continue;
      expect([where, res.headers.get('cache-control')]).toEqual([where, 'no-store']);
      if (example.answer.headers.allow !== undefined) {
        expect([where, res.headers.get('allow')]).toEqual([where, example.answer.headers.allow]);
      }
      const found = matchRoute(request.method, request.url.slice(stack.api.length));
      const route = found && 'match' in found ? found.match.route : undefined;
      if (res.status >= 400) {
        expect([where, errorBody.parse(JSON.parse(text)).error]).toEqual([
          where,
          errorBody.parse(JSON.parse(example.answer.body)).error,
        ]);
      } else if (route?.success.schema) {
        route.success.schema.parse(JSON.parse(text));
      }
      if (route?.name === 'create' && res.status === 201) {
        const created = JSON.parse(text) as Created;
        vars.ID = created.id;
        vars.MANAGE_TOKEN = created.manageToken;
        if (created.upload && 'url' in created.upload) vars.UPLOAD_URL = created.upload.url;
      }
      if (route?.name === 'read' && res.status === 200 && 'download' in JSON.parse(text)) {
        const { manifest, download } = JSON.parse(text) as FileReadResult;
        const info = JSON.parse(
          new TextDecoder().decode(await decryptJwe(manifest, parseKey(env('K')))),
        );
        expect(info).toMatchObject({ size: Buffer.byteLength(fileText) });
        const body = new Uint8Array(await (await fetch(download.url)).arrayBuffer());
        const ikm = await deriveBodyKey(parseKey(env('K')));
        downloaded = new TextDecoder().decode(await decryptBodyBytes(ikm, body));
      } else if (route?.name === 'read' && res.status === 200) {
        opened = execFileSync(process.execPath, ['open.mjs', env('K')], {
          cwd: dir,
          input: text,
          encoding: 'utf8',
        });
        const { ciphertext } = JSON.parse(text) as { ciphertext: string };
        decrypted = new TextDecoder().decode(await decryptJwe(ciphertext, parseKey(env('K'))));
      }
    }
    // The request the doc created and filled opens with its retrieve link's key, as the page opens it.
    const retrieve = await prepareReveal(createApiClient(stack.api), {
      id: env('ID'),
      credential: env('D'),
    });
    expect(retrieve.meta).toMatchObject({ kind: 'request', filled: true });
    const revealed = await revealSecret(createApiClient(stack.api), retrieve);
    expect(revealed.kind === 'text' && new TextDecoder().decode(revealed.plaintext)).toBe(
      filledWith,
    );
    expect(opened).toBe(plaintext);
    expect(decrypted).toBe(plaintext);
    // seal-file.mjs's body opens with core/body-stream.ts: the doc's script is RFC 8188 as the page's.
    expect(downloaded).toBe(fileText);
  });
});
