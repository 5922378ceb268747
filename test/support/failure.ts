import { expect } from 'vitest';
import { AppError } from '../../src/main/errors';

/** The typed error a promise rejects with; fails the test when it resolves or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
