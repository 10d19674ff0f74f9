import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../core/api.ts';
import { describeError } from '../../web/src/errors.ts';
import { EXIT, fromApiError } from '../../cli/exit.ts';

const unavailable = new ApiError(503, 'unavailable', 'server text');
const unknown = new ApiError(503, 'outcome_unknown', 'server text');

describe('what the page and the CLI say about a 503', () => {
  it('promise that nothing was used up only when the API said so', () => {
    expect(describeError(unavailable)).toMatch(/Nothing was used up/);
    expect(fromApiError(unavailable).message).toMatch(/nothing was consumed/);
  });

  it('say a read may have been used up when the API could not confirm the attempt', () => {
    for (const text of [describeError(unknown), fromApiError(unknown).message]) {
      expect(text).toMatch(/may have used up one read/);
      expect(text).not.toMatch(/nothing was (used up|consumed)/i);
    }
    expect(fromApiError(unknown).exitCode).toBe(EXIT.unavailable);
  });
});
