// POST /secrets: the create use case behind the shared HTTP edge.
import type { HandlerDeps } from '../common/deps.ts';
import { httpHandler, parseBody } from '../common/http.ts';
import { createRequest } from '../../core/requests.ts';
import { createSecret } from './create.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => ({
    status: 201,
    body: await createSecret(deps, parseBody(createRequest, event)),
  }));
}
