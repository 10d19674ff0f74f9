import { createDeps } from '../shared/deps.ts';
import { bearerToken, httpHandler, pathId } from '../shared/http.ts';
import { getSecretMeta } from './meta.ts';

const deps = createDeps();

export const handler = httpHandler(async (event) => ({
  status: 200,
  body: await getSecretMeta(deps, { id: pathId(event), readToken: bearerToken(event) }),
}));
