import assert from 'node:assert/strict';
import * as path from 'node:path';
import { BedrockClient, CreateInferenceProfileCommand } from '@aws-sdk/client-bedrock';
import * as aws from '../../../src/core/awsOperations';
import type { InferenceProfileCandidate } from '../../../src/core/discovery/inferenceProfileCandidate';
import { fileDiscoveryMemory } from '../../../src/core/discovery/discoveryMemory';
import { profileCredentials } from '../../../src/core/identity/profileCredentials';
import { silentLogger } from '../../../src/core/runtime/logger';
import { chooseInferenceProfiles } from '../../../src/core/setup/chooseProfilesStep';
import type { SetupInteraction } from '../../../src/core/setup/setupInteraction';
import { withCurrentClaudeModels } from '../../emulator/catalog';
import { organisationDeveloper, organisationWorld } from '../../emulator/organisationWorld';
import { signedInHome, type SignedInHome } from '../discovery/signedInHome';

/** What Set Up's default-profile question was shown, per question. */
interface Asked {
  readonly names: string[];
  readonly offerSearchAgain: boolean;
}

/** Set Up's questions, answered by `answer` for the default profile; every other question is unexpected. */
function interaction(asked: Asked[], answer: (candidates: readonly InferenceProfileCandidate[], offerSearchAgain: boolean) => InferenceProfileCandidate | 'search-again'): SetupInteraction {
  const unexpected = (what: string) => () => Promise.reject(new Error(`unexpected question: ${what}`));
  return {
    showCode: () => undefined,
    chooseAccount: unexpected('account'),
    chooseRole: unexpected('role'),
    confirmProfileOverwrite: unexpected('overwrite'),
    chooseDefaultProfile: (candidates, _recommended, offerSearchAgain) => {
      asked.push({ names: candidates.map((c) => c.name).sort(), offerSearchAgain });
      return Promise.resolve(answer(candidates, offerSearchAgain));
    },
    chooseTierProfile: unexpected('tier'),
    askForProfileArn: unexpected('ARN'),
    confirmClaudeSettings: unexpected('settings'),
    decideBearerToken: unexpected('bearer token'),
    offerClaudeInstall: unexpected('Claude Code install'),
  };
}

describe("Set Up's profile question: Search again… (emulator)", function () {
  this.timeout(30_000);
  let home: SignedInHome | undefined;
  afterEach(async () => {
    await home?.close();
    home = undefined;
  });

  it('remembered profiles come with Search again…; it finds the profile the admin added since, and a fresh list offers no second search', async () => {
    const developer = organisationDeveloper(7);
    const world = withCurrentClaudeModels(organisationWorld({ developers: 20 }));
    world.quotas = 'off';
    home = await signedInHome(world, { userName: developer });
    const memory = fileDiscoveryMemory(path.join(home.home, 'storage'));
    const asked: Asked[] = [];
    const run = (answer: Parameters<typeof interaction>[1]) =>
      chooseInferenceProfiles({
        aws,
        credentials: profileCredentials(home?.profile ?? ''),
        profileName: home?.profile ?? '',
        accountId: '111122223333',
        search: { regions: ['us-east-1'], tagKeys: ['DeveloperId', 'Team'], memory },
        interaction: interaction(asked, answer),
        logger: silentLogger,
        signal: undefined,
      });
    const first = (candidates: readonly InferenceProfileCandidate[]) => candidates[0] ?? 'search-again';

    await run(first);
    assert.deepEqual(asked.map((a) => a.offerSearchAgain), [false], 'found by name: nothing to search again');

    const admin = home.emulator.issueRoleCredentials('dana');
    const bedrock = new BedrockClient({ region: 'us-east-1', credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey, sessionToken: admin.sessionToken } });
    await bedrock.send(
      new CreateInferenceProfileCommand({
        inferenceProfileName: `claude-code-fable-${developer}`,
        modelSource: { copyFrom: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-fable-5-2' },
        tags: [{ key: 'DeveloperId', value: developer }, { key: 'Team', value: 'team001' }],
      }),
    );
    bedrock.destroy();

    asked.length = 0;
    const chosen = await run((candidates, offerSearchAgain) => (offerSearchAgain ? 'search-again' : (candidates.find((c) => c.tier === 'fable') ?? 'search-again')));
    assert.deepEqual(
      asked.map((a) => a.offerSearchAgain),
      [true, false],
      'the remembered list offered Search again…, the fresh one did not',
    );
    assert.ok(!asked[0]?.names.some((name) => name.includes('fable')), 'the remembered list lacks the new profile');
    assert.ok(asked[1]?.names.includes(`claude-code-fable-${developer}`), 'the fresh search found it');
    assert.equal(chosen.tierArns['fable'], chosen.primaryArn);
    assert.match(chosen.primaryArn, /application-inference-profile\//);

    asked.length = 0;
    await run(first);
    const [again] = asked;
    assert.ok(again);
    assert.equal(again.offerSearchAgain, true);
    assert.ok(again.names.includes(`claude-code-fable-${developer}`), 'the fresh result replaced the remembered one');
  });
});
