/**
 * Shared by the BRP client's tests: the BrpLookupError a promise must fail with.
 */
import { expect } from 'vitest';
import { BrpLookupError } from '../../extensions/labour-platform/src/glue/brp/client';

export async function caughtBrpError(promise: Promise<unknown>): Promise<BrpLookupError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BrpLookupError);
    return error as BrpLookupError;
  }
  throw new Error('expected the BRP call to fail');
}
