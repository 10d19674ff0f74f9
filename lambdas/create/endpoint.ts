// POST /secrets: the create use case behind the shared HTTP edge.
import type { HandlerDeps } from '../shared/deps.ts';
import { httpHandler, parseBody } from '../shared/http.ts';
import { createRequest } from '../../core/contract.ts';
import { createSecret } from './create.ts';

export function createHandler(deps: HandlerDeps) {
  return httpHandler(deps.http, async (event) => ({
    status: 201,
    body: await createSecret(deps, parseBody(createRequest, event)),
  }));
}
