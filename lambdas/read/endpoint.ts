// POST /secrets/{id}/read: the read use case behind the shared HTTP edge.
import type { HandlerDeps } from '../shared/deps.ts';
import { bearerToken, httpHandler, parseBody, pathId } from '../shared/http.ts';
import { readRequest } from '../../core/contract.ts';
import { readSecret } from './read.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => {
    const id = pathId(event);
    const readToken = bearerToken(event);
    const { verifier } = parseBody(readRequest, event, { optional: true });
    return { status: 200, body: await readSecret(deps, { id, readToken, verifier }) };
  });
}
