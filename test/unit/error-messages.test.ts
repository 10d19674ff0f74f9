import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../core/api.ts';
import { KdfParamsError } from '../../core/envelope.ts';
import { EXIT, exitName, fromApiError } from '../../cli/exit.ts';

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

describe('what the CLI says about a wrong passphrase', () => {
  const wrong = (attemptsLeft?: number) =>
    fromApiError(new ApiError(401, 'wrong_passphrase', 'server text', { attemptsLeft }));

  it('counts the tries left, in the singular for the last one', () => {
    expect(wrong(2)).toMatchObject({
      exitCode: EXIT.unauthorized,
      message: 'Wrong passphrase. 2 tries left before the secret is destroyed.',
    });
    expect(wrong(1).message).toBe(
      'Wrong passphrase. 1 try left: one more wrong passphrase destroys the secret.',
    );
  });

  it('says at once that the try which locked the secret destroyed it, with its own exit code', () => {
    const locked = fromApiError(new ApiError(401, 'locked', 'server text'));
    expect(locked.exitCode).toBe(EXIT.locked);
    expect(exitName(locked.exitCode)).toBe('locked');
    expect(locked.message).toMatch(/secret is now destroyed/);
  });

  it('falls back to the rule when an API sends no count', () => {
    expect(wrong()).toMatchObject({ exitCode: EXIT.unauthorized });
    expect(wrong().message).toMatch(/after 5 wrong tries in a row the secret is destroyed/);
  });
});

describe('what the CLI says about passphrase settings out of bounds', () => {
  it('names the refusal, says nothing was read, and exits as unavailable, not unexpected', () => {
    const refused = fromApiError(new KdfParamsError('the iteration count is out of bounds'));
    expect(refused.exitCode).toBe(EXIT.unavailable);
    expect(refused.message).toMatch(/outside the allowed bounds/);
    expect(refused.message).toMatch(/nothing was read/);
    expect(refused.message).not.toMatch(/Unexpected/);
  });
});
