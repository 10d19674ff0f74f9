// A local stack killed mid-write must start again on its DATA_DIR, without anyone deleting files by hand.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createApiClient } from '../../core/api.ts';
import { open, parseKey, seal } from '../../core/envelope.ts';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { ciphertextOf } from '../helpers/fixtures.ts';

const stacks: RunningStack[] = [];

afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.stop()));
});

async function share(api: ReturnType<typeof createApiClient>, secret: string) {
  const sealed = await seal(secret);
  const created = await api.create({
    ciphertext: sealed.ciphertext,
    readTokenHash: sealed.readTokenHash,
  });
  return { sealed, id: created.id };
}

describe('restarting on a DATA_DIR with torn files', () => {
  it('repairs them at start-up, says how many, and still serves the intact secrets', async () => {
    const first = await startStack();
    stacks.push(first);
    const firstApi = createApiClient(first.api);
    const intact = await share(firstApi, 'fixture: intact');
    const torn = await share(firstApi, 'fixture: torn metadata');
    expect(await first.stop()).toBe(0);

    const secrets = path.join(first.dataDir, 's3', 'secretsentry-vault', 'secrets');
    const file = (name: string) => path.join(secrets, name);
    // What a SIGKILL between s3rver's writes leaves: an object whose metadata is empty and whose .md5
    // is half written, metadata cut off mid-JSON beside another object, one of our temporary files,
    // and an .md5 whose object is gone.
    await truncate(file(`${torn.id}._S3rver_metadata.json`), 0);
    await writeFile(file(`${torn.id}._S3rver_object.md5`), '3f2a');
    const intactMetadata = await readFile(file(`${intact.id}._S3rver_metadata.json`), 'utf8');
    await writeFile(file(`orphan._S3rver_metadata.json`), intactMetadata.slice(0, 10));
    await writeFile(file(`orphan._S3rver_object`), 'fixture');
    await writeFile(file(`.${intact.id}._S3rver_object.tmp-0123456789abcdef`), 'fixture');
    await writeFile(file(`gone._S3rver_object.md5`), '0123456789abcdef0123456789abcdef');
    // A multipart object's ETag: the MD5 of its parts' MD5s, then their count. Not torn.
    const multipartEtag = '0123456789abcdef0123456789abcdef-7';
    await writeFile(file(`${intact.id}._S3rver_object.md5`), multipartEtag);

    const second = await startStack(first.dataDir);
    stacks.push(second);
    const api = createApiClient(second.api);
    expect(await readFile(file(`${intact.id}._S3rver_object.md5`), 'utf8')).toBe(multipartEtag);

    // The torn metadata and .md5 were s3rver's own bookkeeping: the object itself is intact.
    for (const { sealed, id } of [intact, torn]) {
      const read = await api.read(id, sealed.readToken);
      const text = new TextDecoder().decode(await open(ciphertextOf(read), parseKey(sealed.key)));
      expect(text).toBe(id === intact.id ? 'fixture: intact' : 'fixture: torn metadata');
    }
    expect(second.output()).toMatch(/Repaired the S3 emulator's data: deleted 5 file\(s\)/);
  }, 60_000);
});
