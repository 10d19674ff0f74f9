import { httpHandler } from '../shared/http.ts';

export const handler = httpHandler(async () => ({ status: 200, body: { ok: true } }));
