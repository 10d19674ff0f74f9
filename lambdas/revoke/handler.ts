import { createDeps } from '../shared/deps.ts';
import { bearerToken, httpHandler, pathId } from '../shared/http.ts';
import { revokeSecret } from './revoke.ts';

const deps = createDeps();

export const handler = httpHandler(async (event) => {
  await revokeSecret(deps, { id: pathId(event), manageToken: bearerToken(event) });
  return { status: 204 };
});
