import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../core/api.ts';
import { EXIT, fromApiError } from '../../cli/exit.ts';

const unavailable = new ApiError(503, 'unavailable', 'server text');
const unknown = new ApiError(503, 'outcome_unknown', 'server text');

// The page says the same in Chromium: test/e2e/flows.e2e.test.ts, "after a 503 on reveal".
describe('what the CLI says about a 503', () => {
  it('promises that nothing was used up only when the API said so', () => {
    expect(fromApiError(unavailable).message).toMatch(/nothing was consumed/);
  });

  it('says a read may have been used up when the API could not confirm the attempt', () => {
    const text = fromApiError(unknown).message;
    expect(text).toMatch(/may have used up one read/);
    expect(text).not.toMatch(/nothing was (used up|consumed)/i);
    expect(fromApiError(unknown).exitCode).toBe(EXIT.unavailable);
  });
});
