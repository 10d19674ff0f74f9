// GET /openapi.json: the API's own description. Given the HTTP edge only, so it cannot touch the stores.
import { openApiDocument } from '../../core/openapi.ts';
import type { HandlerDeps } from '../common/deps.ts';
import { httpHandler } from '../common/http.ts';

export function createHandler(deps: Pick<HandlerDeps, 'http'>) {
  // Built once per handler, at start-up: it depends on nothing but the code.
  const document = openApiDocument();
  return httpHandler(deps.http, async () => ({ status: 200, body: document }));
}
