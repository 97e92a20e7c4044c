import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planSsoProfileWrite } from '../../../src/core/awsConfig/ssoProfilePlan';
import type { SsoProfileRequest } from '../../../src/core/awsConfig/ssoProfileRequest';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { cliConfigWriter, type ConfigWriterJob } from './awsCliOracle';

const REQUEST: SsoProfileRequest = {
  sessionName: 'corp',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  ssoRegion: 'us-east-1',
  profileName: 'claude',
  accountId: '111122223333',
  roleName: 'ClaudeDevelopers',
  region: 'us-west-2',
};

const CLI_PROFILE = { sso_session: 'corp', sso_account_id: '111122223333', sso_role_name: 'ClaudeDevelopers', region: 'us-west-2' };
const CLI_SESSION = { sso_start_url: 'https://d-1234567890.awsapps.com/start', sso_region: 'us-east-1', sso_registration_scopes: 'sso:account:access' };

/** What `aws configure sso` writes: its ConfigFileWriter, profile section first, then the session. */
function configureSsoJob(existing: string | undefined, profileSection = 'profile claude', profile: Record<string, string> = CLI_PROFILE): ConfigWriterJob {
  return {
    text: existing,
    updates: [
      { section: profileSection, values: profile },
      { section: 'sso-session corp', values: CLI_SESSION },
    ],
  };
}

function awsConfigureSso(existing: string | undefined, profileSection?: string, profile?: Record<string, string>): string {
  return cliConfigWriter([configureSsoJob(existing, profileSection, profile)])[0]!;
}

describe('planSsoProfileWrite', () => {
  it('writes a new file byte for byte as aws configure sso does', () => {
    const plan = planSsoProfileWrite('', REQUEST);
    assert.equal(
      plan.text,
      [
        '[profile claude]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = ClaudeDevelopers',
        'region = us-west-2',
        '[sso-session corp]',
        'sso_start_url = https://d-1234567890.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    assert.equal(plan.text, awsConfigureSso(undefined));
    assert.equal(plan.changed, true);
    assert.equal(plan.profile.action, 'added');
    assert.deepEqual(plan.profile.added, ['sso_session', 'sso_account_id', 'sso_role_name', 'region']);
    assert.equal(plan.session.action, 'added');
    assert.deepEqual(plan.conflicts, []);
    assert.deepEqual(plan.warnings, []);
  });

  it('matches the CLI writer on existing files it handles correctly (property, batched)', () => {
    // LF files with unique headers and plain `key = value` lines: the shapes on which
    // the CLI's own writer is right, so its output must equal ours exactly.
    const names = fc.constantFrom('claude', 'corp', 'other', 'default');
    // Profiles get no legacy session keys: the CLI leaves those inconsistent with the
    // session, where we deliberately align them (tested below).
    const keyValue = (keys: string[]) =>
      fc
        .tuple(fc.constantFrom(...keys), fc.constantFrom('eu-west-1', 'json', 'corp', '111122223333', 'https://d-1234567890.awsapps.com/start', 'other'))
        .map(([key, value]) => ({ key, line: `${key} = ${value}` }));
    const other = fc.constantFrom('', '# a comment', '; another').map((line) => ({ key: undefined, line }));
    const body = (keys: string[]) => fc.uniqueArray(fc.oneof(keyValue(keys), other), { selector: (item) => item.key ?? Symbol(), maxLength: 5 }).map((items) => items.map((item) => item.line));
    const profileKeys = ['region', 'output', 'sso_session', 'sso_account_id', 'cli_pager', 'x_custom'];
    const sessionKeys = [...profileKeys, 'sso_region', 'sso_start_url'];
    const section = fc.oneof(
      fc.tuple(names.map((n) => (n === 'default' ? 'default' : `profile ${n}`)), body(profileKeys)),
      fc.tuple(names.map((n) => `sso-session ${n}`), body(sessionKeys)),
    );
    const files = fc.sample(
      fc.uniqueArray(section, { selector: ([h]) => h, maxLength: 5 }).map((sections) => [...sections.flatMap(([h, lines]) => [`[${h}]`, ...lines]), '[plugins]', 'x = y', ''].join('\n')),
      { numRuns: 150, seed: 42 },
    );
    const expected = cliConfigWriter(files.map((existing) => configureSsoJob(existing)));
    files.forEach((existing, index) => { assert.equal(planSsoProfileWrite(existing, REQUEST).text, expected[index], existing); });
  });

  it('changes no byte when run again with the same values', () => {
    const first = planSsoProfileWrite('# mine\r\n[default]\r\nregion = eu-west-1', REQUEST);
    const second = planSsoProfileWrite(first.text, REQUEST);
    assert.equal(second.text, first.text);
    assert.equal(second.changed, false);
    assert.equal(second.profile.action, 'unchanged');
    assert.equal(second.session.action, 'unchanged');
    assert.deepEqual(second.profile.unchanged, ['sso_session', 'sso_account_id', 'sso_role_name', 'region']);
  });

  it('uses [default] for the default profile and writes output when given', () => {
    const plan = planSsoProfileWrite('', { ...REQUEST, profileName: 'default', output: 'JSON' });
    assert.ok(plan.text.startsWith('[default]\nsso_session = corp\n'));
    assert.match(plan.text, /\nregion = us-west-2\noutput = json\n\[sso-session corp\]\n/);
    assert.equal(plan.text, awsConfigureSso(undefined, 'default', { ...CLI_PROFILE, output: 'json' }));
  });

  it('leaves output out, as the CLI does, when it is missing, empty or blank', () => {
    const fresh = planSsoProfileWrite('', REQUEST);
    for (const output of [undefined, '', '  \t']) {
      const plan = planSsoProfileWrite('', { ...REQUEST, output });
      assert.equal(plan.text, fresh.text, JSON.stringify(output));
      assert.deepEqual(plan.request, { ...REQUEST, registrationScopes: 'sso:account:access' }, JSON.stringify(output));
    }
    assert.equal(planSsoProfileWrite('', { ...REQUEST, output: ' Text ' }).request.output, 'text');
  });

  it('keeps CRLF, comments, unicode, tabs, a BOM and other sections, using CRLF for new lines', () => {
    const existing = '\ufeff# Конфигурация ☃\r\n[default]\r\n\tregion = eu-west-1 ; my default\r\n\r\n[profile claude]\r\nregion = us-west-2\r\ncli_pager =\r\n; keep me\r\n[profile other]\r\noutput = text';
    const plan = planSsoProfileWrite(existing, REQUEST);
    assert.equal(
      plan.text,
      '\ufeff# Конфигурация ☃\r\n[default]\r\n\tregion = eu-west-1 ; my default\r\n\r\n[profile claude]\r\nregion = us-west-2\r\ncli_pager =\r\nsso_session = corp\r\nsso_account_id = 111122223333\r\nsso_role_name = ClaudeDevelopers\r\n; keep me\r\n[profile other]\r\noutput = text\r\n[sso-session corp]\r\nsso_start_url = https://d-1234567890.awsapps.com/start\r\nsso_region = us-east-1\r\nsso_registration_scopes = sso:account:access\r\n',
    );
    assert.deepEqual(plan.profile.unchanged, ['region']);
    assert.deepEqual(
      plan.warnings.map((w) => [w.code, w.fatalForCli]),
      [['byte-order-mark', true]],
    );
  });

  it('leaves a missing final newline missing when only an existing line changes', () => {
    const existing = '[profile claude]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ClaudeDevelopers\nregion = eu-central-1\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access';
    const plan = planSsoProfileWrite(existing, REQUEST);
    assert.equal(plan.text, existing.replace('region = eu-central-1', 'region = us-west-2'));
    assert.deepEqual(plan.profile.updated, [{ key: 'region', previous: 'eu-central-1', value: 'us-west-2' }]);
    assert.deepEqual(plan.conflicts, [], 'a region change is an update, not a conflict');
  });

  it('rewrites a value with an inline comment, keeping the comment on its own line', () => {
    const plan = planSsoProfileWrite('[profile claude]\n  region = us-west-2 # the CLI reads this comment as part of the value\n', REQUEST);
    assert.match(plan.text, /^\[profile claude\]\n {2}# the CLI reads this comment as part of the value\n {2}region = us-west-2\n {2}sso_session = corp\n/);
    assert.deepEqual(plan.profile.updated.map((u) => u.key), ['region']);
  });

  it('replaces a key written with ":" or in another case, and its continuation lines', () => {
    const plan = planSsoProfileWrite('[profile claude]\nREGION: us-west-2\nsso_role_name =\n    nested = 1\n# after\n', REQUEST);
    assert.equal(
      plan.text,
      '[profile claude]\nregion = us-west-2\nsso_role_name = ClaudeDevelopers\nsso_session = corp\nsso_account_id = 111122223333\n# after\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
    );
  });

  it('edits the section the CLI reads and makes its header readable by the SDK too', () => {
    const existing = '[profile claude]\nregion = eu-west-1\n[profile   claude ]  # spaced\noutput = text\n';
    const plan = planSsoProfileWrite(existing, REQUEST);
    assert.ok(plan.text.startsWith('[profile claude]\nregion = eu-west-1\n[profile   claude ]  # spaced\noutput = text\nsso_session = corp\n'), plan.text);
    assert.deepEqual(
      plan.warnings,
      [
        {
          code: 'ambiguous-section',
          fatalForCli: false,
          detail: 'the AWS CLI and the AWS SDKs may read [profile   claude ] differently (another header names the same section, or an indented header splits it)',
        },
      ],
      'the exact header exists already, so the later one cannot be renamed',
    );

    const alone = planSsoProfileWrite('[profile   claude ]  # spaced\noutput = text\n', REQUEST);
    assert.ok(alone.text.startsWith('[profile claude]  # spaced\noutput = text\nsso_session = corp\n'), alone.text);
    assert.deepEqual(alone.profile.headerRewritten, { from: '[profile   claude ]  # spaced', to: '[profile claude]  # spaced' });

    // configparser ignores text after the last ]; the SDK would not read a header followed by it.
    const trailing = planSsoProfileWrite('[profile  claude]junk\noutput = text\n', REQUEST);
    assert.ok(trailing.text.startsWith('[profile claude]\noutput = text\nsso_session = corp\n'), trailing.text);
  });

  it('edits the last of duplicate sections and removes duplicate copies of our keys', () => {
    const existing = '[sso-session corp]\nsso_region = eu-west-1\n[sso-session corp]\nsso_region = us-east-1\nsso_region = us-east-1\nx = 1\n';
    const plan = planSsoProfileWrite(existing, REQUEST);
    assert.match(plan.text, /^\[sso-session corp\]\nsso_region = eu-west-1\n\[sso-session corp\]\nsso_region = us-east-1\nx = 1\nsso_start_url = /);
    assert.deepEqual(plan.session.removedDuplicates, ['sso_region']);
    assert.deepEqual(
      plan.warnings.map((w) => [w.code, w.line]),
      [
        ['duplicate-section', 2],
        ['duplicate-key', 3],
      ],
      'the CLI still refuses the file (configparser counts keys across the two copies) until the user merges them',
    );
  });

  it('reports a profile that points to another account, role, session or start URL as a conflict', () => {
    const existing = '[profile claude]\nsso_session = old\nsso_account_id = 999999999999\nsso_role_name = Admin\nregion = us-west-2\n[sso-session old]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = us-east-1\n';
    const plan = planSsoProfileWrite(existing, REQUEST);
    assert.deepEqual(
      plan.conflicts.map((c) => [c.kind, c.section, c.key, c.existing, c.requested]),
      [
        ['profile-points-elsewhere', 'profile claude', 'sso_session', 'old', 'corp'],
        ['profile-points-elsewhere', 'profile claude', 'sso_account_id', '999999999999', '111122223333'],
        ['profile-points-elsewhere', 'profile claude', 'sso_role_name', 'Admin', 'ClaudeDevelopers'],
      ],
    );
    assert.match(plan.text, /\[sso-session old\]\nsso_start_url = https:\/\/d-9999999999\.awsapps\.com\/start\n/, 'the other session is not touched');
  });

  it('reports a session that points to another start URL, but not a mere trailing "#/" or slash difference', () => {
    const other = planSsoProfileWrite('[sso-session corp]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = us-east-1\n', REQUEST);
    assert.deepEqual(
      other.conflicts.map((c) => [c.kind, c.key]),
      [['session-points-elsewhere', 'sso_start_url']],
    );
    const same = '[sso-session corp]\nsso_start_url = https://D-1234567890.awsapps.com/start#/\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n';
    const plan = planSsoProfileWrite(same, REQUEST);
    assert.deepEqual(plan.conflicts, []);
    assert.deepEqual(plan.session.unchanged, ['sso_start_url', 'sso_region', 'sso_registration_scopes']);
    assert.ok(plan.text.startsWith(same), 'the equivalent URL is kept as the user wrote it');
  });

  it('keeps legacy session keys in the profile consistent with the session', () => {
    const existing = '[profile claude]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = ClaudeDevelopers\n';
    const plan = planSsoProfileWrite(existing, REQUEST);
    assert.match(plan.text, /sso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start\nsso_region = us-east-1\n/);
    assert.deepEqual(plan.inconsistencies, []);
    assert.deepEqual(
      plan.conflicts.map((c) => c.key),
      ['sso_start_url', 'sso_region'],
    );
  });

  it('writes a legacy start URL in the profile exactly as the session has it, since the CLI compares the raw text', () => {
    // Regression: an equivalent spelling used to be kept, and the CLI refused the profile.
    const profileOnly = planSsoProfileWrite('[profile claude]\nsso_start_url = https://D-1234567890.awsapps.com/start#/\nsso_region = us-east-1\n', REQUEST);
    assert.deepEqual(profileOnly.inconsistencies, []);
    assert.match(profileOnly.text, /^\[profile claude\]\nsso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start\nsso_region = us-east-1\n/);
    assert.deepEqual(profileOnly.conflicts, [], 'the same portal is no conflict');

    // The session keeps the user's spelling, so the profile gets that spelling.
    const sessionSpelling = planSsoProfileWrite(
      '[profile claude]\nsso_start_url = https://d-1234567890.awsapps.com/start\n[sso-session corp]\nsso_start_url = https://D-1234567890.awsapps.com/start#/\n',
      REQUEST,
    );
    assert.deepEqual(sessionSpelling.inconsistencies, []);
    assert.match(sessionSpelling.text, /^\[profile claude\]\nsso_start_url = https:\/\/D-1234567890\.awsapps\.com\/start#\/\n/);
    assert.deepEqual(sessionSpelling.session.unchanged, ['sso_start_url']);
  });

  it('lists a legacy session key the profile already agrees on as unchanged, and leaves inherited ones out', () => {
    const plan = planSsoProfileWrite('[profile claude]\nsso_region = us-east-1\n', REQUEST);
    assert.deepEqual(plan.profile.unchanged, ['sso_region']);
    assert.deepEqual(plan.profile.added, ['sso_session', 'sso_account_id', 'sso_role_name', 'region']);
    const inherited = planSsoProfileWrite('[DEFAULT]\nsso_region = us-east-1\n[profile claude]\n', REQUEST);
    assert.deepEqual(inherited.profile.unchanged, []);
    assert.ok(!inherited.text.includes('[profile claude]\nsso_region'), inherited.text);
  });

  it('treats registration scopes that differ only in blanks and empty entries as the same, and others as different', () => {
    const session = (scopes: string) => `[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = ${scopes}\n`;
    const spaced = planSsoProfileWrite(session('sso:account:access , ,codewhisperer:completions,'), { ...REQUEST, registrationScopes: 'sso:account:access,codewhisperer:completions' });
    assert.deepEqual(spaced.session.unchanged, ['sso_start_url', 'sso_region', 'sso_registration_scopes']);
    assert.ok(spaced.text.includes('sso_registration_scopes = sso:account:access , ,codewhisperer:completions,\n'), 'kept as the user wrote it');

    // The same characters split into other scopes are other scopes.
    const regrouped = planSsoProfileWrite(session('sso:account:acc,ess'), REQUEST);
    assert.deepEqual(regrouped.session.updated, [{ key: 'sso_registration_scopes', previous: 'sso:account:acc,ess', value: 'sso:account:access' }]);
  });

  it('compares other keys as plain text, so a trailing comma or different case is a change', () => {
    const plan = planSsoProfileWrite('[profile claude]\nsso_session = corp\nsso_account_id = 111122223333,\nsso_role_name = claudedevelopers\nregion = us-west-2,\n', REQUEST);
    assert.deepEqual(
      plan.profile.updated.map((u) => u.key),
      ['sso_account_id', 'sso_role_name', 'region'],
    );
    assert.deepEqual(
      plan.conflicts.map((c) => [c.key, c.existing]),
      [
        ['sso_account_id', '111122223333,'],
        ['sso_role_name', 'claudedevelopers'],
      ],
    );
  });

  it('reports a session that uses another SSO region as a conflict', () => {
    const plan = planSsoProfileWrite('[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n', REQUEST);
    assert.deepEqual(plan.conflicts, [{ kind: 'session-points-elsewhere', section: 'sso-session corp', key: 'sso_region', existing: 'eu-west-1', requested: 'us-east-1' }]);
  });

  it('detects keys the CLI would find inconsistent between profile and session', () => {
    const plan = planSsoProfileWrite('[sso-session corp]\nregion = eu-west-1\n', REQUEST);
    assert.deepEqual(plan.inconsistencies, [{ key: 'region', profileValue: 'us-west-2', sessionValue: 'eu-west-1' }]);
    // [DEFAULT] reaches both sections: the session overrides sso_region with our value,
    // the profile would inherit eu-west-1, so it gets sso_region too.
    const inherited = planSsoProfileWrite('[DEFAULT]\nsso_region = eu-west-1\n', REQUEST);
    assert.deepEqual(inherited.inconsistencies, []);
    assert.match(inherited.text, /\[profile claude\]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ClaudeDevelopers\nregion = us-west-2\nsso_region = us-east-1\n/);
  });

  it('warns when the profile also has non-SSO credentials', () => {
    const plan = planSsoProfileWrite('[profile claude]\nrole_arn = arn:aws:iam::111122223333:role/x\nsource_profile = base\n', REQUEST);
    assert.deepEqual(
      plan.warnings.map((w) => [w.code, w.detail]),
      [['profile-has-other-credentials', 'the profile also sets role_arn, source_profile, which the AWS CLI and SDKs use instead of SSO']],
    );
    const keys = ['aws_session_token', 'aws_secret_access_key', 'aws_access_key_id', 'web_identity_token_file', 'credential_process', 'credential_source'];
    const every = planSsoProfileWrite(`[profile claude]\n${keys.map((key) => `${key} = x`).join('\n')}\n`, REQUEST);
    assert.deepEqual(every.warnings, [
      {
        code: 'profile-has-other-credentials',
        fatalForCli: false,
        detail: 'the profile also sets credential_source, credential_process, web_identity_token_file, aws_access_key_id, aws_secret_access_key, aws_session_token, which the AWS CLI and SDKs use instead of SSO',
      },
    ]);
  });

  it('refuses an invalid request with a sentence naming the field', () => {
    const attempts: [Partial<SsoProfileRequest>, RegExp][] = [
      [{ profileName: 'a]b' }, /AWS profile name "a\]b"/],
      [{ sessionName: 'x\n[profile evil]' }, /SSO session name/],
      [{ startUrl: 'http://example.com' }, /SSO start URL/],
      [{ accountId: '123' }, /AWS account ID "123"/],
      [{ region: 'us-west-2\nrole_arn = x' }, /AWS region/],
      [{ ssoRegion: 'nowhere' }, /SSO region "nowhere"/],
      [{ roleName: 'Admin Role' }, /role \(permission set\) name/],
      [{ output: 'xml' }, /output format/],
    ];
    for (const [change, message] of attempts) {
      assert.throws(
        () => planSsoProfileWrite('', { ...REQUEST, ...change }),
        (error: unknown) => isUserFacingError(error) && message.test(error.message),
      );
    }
  });
});
