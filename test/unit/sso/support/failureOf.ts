import assert from 'node:assert/strict';

/** The code and sentence a call failed with; fails the test when the call succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  assert.fail('the call succeeded');
}
