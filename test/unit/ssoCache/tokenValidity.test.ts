import assert from 'node:assert/strict';
import { isRegistrationValid, isTokenValid } from '../../../src/core/ssoCache/ssoToken';

const NOW = new Date('2026-12-05T02:00:00Z');
const later = (seconds: number): Date => new Date(NOW.getTime() + seconds * 1000);

describe('SSO token and registration validity', function () {
  it('a token is valid while it has more than the margin left', function () {
    assert.equal(isTokenValid({ accessToken: 'token', expiresAt: later(1) }, NOW), true);
    assert.equal(isTokenValid({ accessToken: 'token', expiresAt: later(0) }, NOW), false);
    assert.equal(isTokenValid({ accessToken: 'token', expiresAt: later(-1) }, NOW), false);
    assert.equal(isTokenValid({ accessToken: 'token', expiresAt: later(301) }, NOW, 300), true);
    assert.equal(isTokenValid({ accessToken: 'token', expiresAt: later(300) }, NOW, 300), false);
    assert.equal(isTokenValid({ accessToken: 'token', expiresAt: later(299) }, NOW, 300), false);
  });

  it('an empty access token is never valid', function () {
    assert.equal(isTokenValid({ accessToken: '', expiresAt: later(3600) }, NOW), false);
  });

  it('a registration is valid with an id, a secret and more than the margin left', function () {
    const registration = { clientId: 'id', clientSecret: 'secret', expiresAt: later(61) };
    assert.equal(isRegistrationValid(registration, NOW), true);
    assert.equal(isRegistrationValid(registration, NOW, 60), true);
    assert.equal(isRegistrationValid({ ...registration, expiresAt: later(60) }, NOW, 60), false);
    assert.equal(isRegistrationValid({ ...registration, expiresAt: later(0) }, NOW), false);
    assert.equal(isRegistrationValid({ ...registration, expiresAt: later(-10) }, NOW), false);
  });

  it('a registration without id, secret or expiry is not valid', function () {
    const expiresAt = later(3600);
    assert.equal(isRegistrationValid({ clientSecret: 'secret', expiresAt }, NOW), false);
    assert.equal(isRegistrationValid({ clientId: 'id', expiresAt }, NOW), false);
    assert.equal(isRegistrationValid({ clientId: '', clientSecret: 'secret', expiresAt }, NOW), false);
    assert.equal(isRegistrationValid({ clientId: 'id', clientSecret: 'secret' }, NOW), false);
  });
});
