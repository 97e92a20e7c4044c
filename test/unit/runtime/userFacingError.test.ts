import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancelledError, isCancelled } from '../../../src/core/runtime/cancellation';
import { UserFacingError, isUserFacingError } from '../../../src/core/runtime/userFacingError';

describe('UserFacingError across bundles', () => {
  it('is recognised when thrown by the separately bundled AWS chunk', async () => {
    // dist/aws.js carries its own copy of the class; the CLI and extension must still know it.
    const chunk = path.resolve(__dirname, '../../../dist/aws.js');
    assert.ok(fs.existsSync(chunk), 'build first: node scripts/build.mjs');
    const aws = (await import(chunk)) as { signIn: (...args: unknown[]) => Promise<unknown> };
    const request = { startUrl: 'http://not-https.example', ssoRegion: 'us-east-1', sessionName: 's', profileName: 'p', region: 'us-east-1' };
    const failure = await aws.signIn({ homeDir: '/nonexistent', env: {}, platform: 'linux', now: () => new Date() }, request, {}).catch((error: unknown) => error);
    assert.ok(failure instanceof Error);
    assert.notEqual(Object.getPrototypeOf(failure), UserFacingError.prototype, 'the chunk should have its own class copy, or this test proves nothing');
    assert.ok(isUserFacingError(failure));
    assert.ok(failure instanceof UserFacingError);
    assert.ok(!(failure instanceof CancelledError));
  });

  it('tells a cancellation from other failures', () => {
    const cancelled = new CancelledError('Sign-in');
    assert.ok(cancelled instanceof UserFacingError);
    assert.ok(cancelled instanceof CancelledError);
    assert.ok(isCancelled(cancelled));
    const other = new UserFacingError('Something failed. Try again.', 'x.y');
    assert.ok(!(other instanceof CancelledError));
    assert.ok(!isCancelled(other));
    assert.ok(!isUserFacingError(new Error('plain')));
    assert.ok(!isUserFacingError({ code: 'x' }));
  });
});
