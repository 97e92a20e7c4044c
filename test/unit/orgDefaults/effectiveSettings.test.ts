import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUILT_IN_SETTINGS } from '../../../src/core/orgDefaults/builtInSettings';
import { resolveEffectiveSettings } from '../../../src/core/orgDefaults/effectiveSettings';
import { ORG_SETTING_NAMES, type OrgDefaults } from '../../../src/core/orgDefaults/orgDefaults';

const START_URL = 'https://d-1234567890.awsapps.com/start';

describe('orgDefaults: which value is in force', () => {
  it('the user’s own value, then the organisation’s, then the built-in default', () => {
    const org: OrgDefaults = { ssoRegion: 'eu-west-1', profileName: 'acme-claude' };
    const settings = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org, user: { profileName: 'mine' } });
    assert.deepEqual(settings.profileName, { value: 'mine', source: 'user', locked: false });
    assert.deepEqual(settings.ssoRegion, { value: 'eu-west-1', source: 'organization', locked: false });
    assert.deepEqual(settings.ssoSessionName, { value: 'claude-code', source: 'builtIn', locked: false });
    assert.deepEqual(settings.ssoStartUrl, { value: undefined, source: 'unset', locked: false });
  });

  it('ignores the user’s value of a locked setting, and says so', () => {
    const org: OrgDefaults = { ssoStartUrl: START_URL, ssoRegion: 'eu-west-1', locked: ['ssoStartUrl', 'ssoRegion'] };
    const settings = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org, user: { ssoStartUrl: 'https://d-9999999999.awsapps.com/start', ssoRegion: 'us-west-2' } });
    assert.equal(settings.ssoStartUrl.value, START_URL);
    assert.equal(settings.ssoStartUrl.source, 'organization');
    assert.equal(settings.ssoStartUrl.userValueIgnored, 'locked');
    assert.match(settings.ssoStartUrl.problem ?? '', /ssoStartUrl is ignored because your organisation has locked it/);
    assert.equal(settings.ssoRegion.value, 'eu-west-1');
  });

  it('treats empty user values as unset and ignores invalid ones with the field named', () => {
    const settings = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: { ssoRegion: 'eu-west-1' }, user: { ssoRegion: '', ssoStartUrl: 'http://evil.example/start', monthlyBudget: null } });
    assert.equal(settings.ssoRegion.source, 'organization');
    assert.equal(settings.ssoStartUrl.source, 'unset');
    assert.equal(settings.ssoStartUrl.userValueIgnored, 'invalid');
    assert.match(settings.ssoStartUrl.problem ?? '', /^Your setting ssoStartUrl: must be an https URL/);
    assert.equal(settings.monthlyBudget.source, 'unset');
  });

  it('keeps the default region inside the allowed regions, whichever layer each came from', () => {
    const org: OrgDefaults = { allowedRegions: ['eu-west-1', 'eu-central-1'], defaultRegion: 'eu-central-1' };
    const user = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org, user: { defaultRegion: 'us-east-1' } });
    assert.equal(user.defaultRegion.value, 'eu-central-1');
    assert.equal(user.defaultRegion.userValueIgnored, 'not-allowed');
    const builtIn = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org: { allowedRegions: ['ap-southeast-2'] }, user: {} });
    assert.equal(builtIn.defaultRegion.value, 'ap-southeast-2');
    const allowedByUser = resolveEffectiveSettings({ builtIn: BUILT_IN_SETTINGS, org, user: { defaultRegion: 'eu-west-1' } });
    assert.deepEqual(allowedByUser.defaultRegion, { value: 'eu-west-1', source: 'user', locked: false });
  });
});

describe('orgDefaults: the manifest keeps workspaces out of sign-in', () => {
  interface Property {
    readonly scope?: string;
  }
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, Property> } };
  };
  const properties = manifest.contributes.configuration.properties;

  it('declares every setting that could redirect sign-in or requests as application- or machine-scoped', () => {
    const redirecting = ['ssoStartUrl', 'ssoRegion', 'ssoSessionName', 'profileName', 'accountId', 'roleName', 'allowedRegions', 'defaultRegion', 'developerTagKey', 'teamTagKey', 'inferenceProfileArn', 'developerId'];
    for (const name of redirecting) {
      const scope = properties[`bedrockOnboarding.${name}`]?.scope;
      assert.ok(scope === 'application' || scope === 'machine', `bedrockOnboarding.${name} is ${scope ?? 'window'}-scoped`);
    }
  });

  it('scopes every organisation setting the extension declares the same way', () => {
    for (const name of ORG_SETTING_NAMES) {
      const declared = properties[`bedrockOnboarding.${name}`];
      if (declared === undefined) continue;
      assert.ok(declared.scope === 'application' || declared.scope === 'machine', `bedrockOnboarding.${name} is ${declared.scope ?? 'window'}-scoped`);
    }
  });
});
