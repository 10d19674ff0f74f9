import { createDeps } from '../shared/deps.ts';
import { bearerToken, httpHandler, parseBody, pathId } from '../shared/http.ts';
import { readRequest } from '../../core/contract.ts';
import { readSecret } from './read.ts';

const deps = createDeps();

export const handler = httpHandler(async (event) => {
  const id = pathId(event);
  const readToken = bearerToken(event);
  const { verifier } = parseBody(readRequest, event, { optional: true });
  return { status: 200, body: await readSecret(deps, { id, readToken, verifier }) };
});
