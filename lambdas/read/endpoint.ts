// POST /secrets/{id}/read: the read use case behind the shared HTTP edge.
import type { HandlerDeps } from '../common/deps.ts';
import { bearerToken, httpHandler, parseBody, pathId } from '../common/http.ts';
import { readRequest } from '../../core/requests.ts';
import { readSecret } from './read.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => {
    const id = pathId(event);
    const readToken = bearerToken(event);
    const { verifier } = parseBody(readRequest, event, { optional: true });
    return { status: 200, body: await readSecret(deps, { id, readToken, verifier }) };
  });
}
