// GET /health: liveness. Given the HTTP edge only, so it cannot touch the stores.
import type { HandlerDeps } from '../shared/deps.ts';
import { httpHandler } from '../shared/http.ts';

export function createHandler(deps: Pick<HandlerDeps, 'http'>) {
  return httpHandler(deps.http, async () => ({ status: 200, body: { ok: true } }));
}
