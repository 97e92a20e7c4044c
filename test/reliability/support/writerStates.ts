// The two states the crash child alternates between, shared with the checker.
import type { SsoProfileRequest } from '../../../src/core/awsConfig/ssoProfileRequest';
import type { DesiredClaudeSettings } from '../../../src/core/claudeSettings/settingsPlan';
import type { SsoTokenToCache } from '../../../src/core/ssoCache/ssoToken';

export function profileRequest(profileName: string, region: string): SsoProfileRequest {
  return {
    sessionName: 'claude-code',
    startUrl: 'https://d-1234567890.awsapps.com/start',
    ssoRegion: 'us-east-1',
    registrationScopes: 'sso:account:access',
    profileName,
    accountId: '111122223333',
    roleName: 'BedrockDeveloper',
    region,
  };
}

export interface CrashState {
  readonly region: string;
  readonly profile: SsoProfileRequest;
  readonly token: SsoTokenToCache;
  readonly settings: DesiredClaudeSettings;
}

export function crashState(which: number): CrashState {
  const region = which === 0 ? 'us-west-2' : 'eu-central-1';
  const arn = `arn:aws:bedrock:${region}:111122223333:application-inference-profile/state${String(which)}`;
  return {
    region,
    profile: profileRequest('claude-code', region),
    token: {
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      accessToken: `access-token-state-${String(which)}-${'x'.repeat(2000)}`,
      expiresAt: new Date(Date.UTC(2030, 0, 1 + which)),
      clientId: `client-${String(which)}`,
      clientSecret: `secret-${String(which)}`,
      registrationExpiresAt: new Date(Date.UTC(2030, 1, 1)),
      refreshToken: `refresh-${String(which)}`,
    },
    settings: { awsProfile: 'claude-code', awsRegion: region, primaryModelArn: arn, tierModels: { sonnet: arn }, awsAuthRefresh: 'aws sso login --profile claude-code' },
  };
}
