import assert from 'node:assert/strict';
import {
  AccessDeniedException,
  BedrockClient,
  ConflictException,
  CreateInferenceProfileCommand,
  DeleteInferenceProfileCommand,
  GetInferenceProfileCommand,
  ListInferenceProfilesCommand,
  ListTagsForResourceCommand,
  paginateListInferenceProfiles,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import type { Credentials } from './testSupport';
import { credentialsFor, REGION, rejectionOf, SANDBOX_ACCOUNT, setEnv, useEmulator } from './testSupport';

const SONNET_SYSTEM_ARN = `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0`;
const ALICE_SONNET = `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:application-inference-profile/k3v9q2m7x1ab`;
const BOB_SONNET = `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:application-inference-profile/b4g6k8m2q9gh`;

describe('emulator: Bedrock inference profiles', () => {
  const fixture = useEmulator();
  let alice: Credentials;
  let admin: Credentials;
  const bedrock = (credentials: Credentials, region = REGION) => new BedrockClient({ region, credentials });

  before(async () => {
    alice = await credentialsFor(fixture.emulator, 'alice');
    admin = await credentialsFor(fixture.emulator, 'dana', 'BedrockAdmin');
  });

  it('lists system-defined profiles by default, with cross-region models', async () => {
    const out = await bedrock(alice).send(new ListInferenceProfilesCommand({}));
    const sonnet = out.inferenceProfileSummaries?.find((p) => p.inferenceProfileId === 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.ok(sonnet);
    assert.equal(sonnet.type, 'SYSTEM_DEFINED');
    assert.equal(sonnet.status, 'ACTIVE');
    assert.equal(sonnet.inferenceProfileArn, SONNET_SYSTEM_ARN);
    assert.ok(sonnet.createdAt instanceof Date);
    assert.deepEqual(
      sonnet.models?.map((m) => m.modelArn),
      ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`),
    );
    assert.ok(out.inferenceProfileSummaries?.every((p) => p.type === 'SYSTEM_DEFINED'));
  });

  it('lists application profiles of the account and region, paginated', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListInferenceProfiles({ client: bedrock(alice), pageSize: 2 }, { typeEquals: 'APPLICATION' })) {
      pages += 1;
      ids.push(...(page.inferenceProfileSummaries ?? []).map((p) => p.inferenceProfileId ?? ''));
    }
    assert.equal(pages, 3);
    assert.deepEqual(ids, ['k3v9q2m7x1ab', 'p8d2w5n4r6cd', 'h7f3j9t2y5ef', 'b4g6k8m2q9gh', 's5h1a3r7e9kl']);
    const west = await bedrock(alice, 'us-west-2').send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    assert.deepEqual(west.inferenceProfileSummaries?.map((p) => p.inferenceProfileName), ['claude-sonnet-alice-west']);
  });

  it('gets a profile by URL-encoded ARN or by id when the ABAC tags match', async () => {
    const byArn = await bedrock(alice).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: ALICE_SONNET }));
    assert.equal(byArn.inferenceProfileName, 'claude-sonnet-alice');
    assert.equal(byArn.type, 'APPLICATION');
    assert.equal(byArn.models?.[0]?.modelArn, 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(byArn.models.length, 3);
    const byId = await bedrock(alice).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'k3v9q2m7x1ab' }));
    assert.equal(byId.inferenceProfileArn, ALICE_SONNET);
  });

  it("denies someone else's profile with IAM's AccessDenied sentence, for Get and ListTags", async () => {
    const denied = await rejectionOf(bedrock(alice).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: BOB_SONNET })));
    assert.ok(denied instanceof AccessDeniedException);
    assert.equal(denied.$metadata.httpStatusCode, 403);
    assert.match(
      denied.message,
      /^User: arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_BedrockDeveloper_[0-9a-f]{16}\/alice is not authorized to perform: bedrock:GetInferenceProfile on resource: arn:aws:bedrock:us-east-1:111122223333:application-inference-profile\/b4g6k8m2q9gh because no identity-based policy allows the bedrock:GetInferenceProfile action$/,
    );
    // Same Team but another DeveloperId: every configured tag must match.
    const shared = `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:application-inference-profile/s5h1a3r7e9kl`;
    assert.ok(await rejectionOf(bedrock(alice).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: shared }))) instanceof AccessDeniedException);

    const tags = await bedrock(alice).send(new ListTagsForResourceCommand({ resourceARN: ALICE_SONNET }));
    assert.deepEqual(tags.tags, [
      { key: 'Team', value: 'platform' },
      { key: 'DeveloperId', value: 'alice' },
    ]);
    const deniedTags = await rejectionOf(bedrock(alice).send(new ListTagsForResourceCommand({ resourceARN: BOB_SONNET })));
    assert.ok(deniedTags instanceof AccessDeniedException);
    assert.match(deniedTags.message, /bedrock:ListTagsForResource on resource: .*b4g6k8m2q9gh/);
  });

  it('lets a role with an allow policy read every profile; unknown ones are ResourceNotFound', async () => {
    const bob = await bedrock(admin).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: BOB_SONNET }));
    assert.equal(bob.inferenceProfileName, 'claude-sonnet-bob');
    const missing = await rejectionOf(bedrock(admin).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'zzzzzzzzzzzz' })));
    assert.ok(missing instanceof ResourceNotFoundException);
  });

  it('denies ListInferenceProfiles to a user whose policy lacks it', async () => {
    const carol = await credentialsFor(fixture.emulator, 'carol');
    const denied = await rejectionOf(bedrock(carol).send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' })));
    assert.ok(denied instanceof AccessDeniedException);
    assert.match(denied.message, /carol is not authorized to perform: bedrock:ListInferenceProfiles on resource: arn:aws:bedrock:us-east-1:111122223333:inference-profile\/\*/);
  });

  it('creates an application profile copied from a system profile, with tags and the copied models', async () => {
    const created = await bedrock(admin).send(
      new CreateInferenceProfileCommand({
        inferenceProfileName: 'claude-sonnet-erin',
        modelSource: { copyFrom: SONNET_SYSTEM_ARN },
        tags: [
          { key: 'Team', value: 'platform' },
          { key: 'DeveloperId', value: 'erin' },
        ],
      }),
    );
    assert.match(created.inferenceProfileArn ?? '', /^arn:aws:bedrock:us-east-1:111122223333:application-inference-profile\/[a-z0-9]{12}$/);
    assert.equal(created.status, 'ACTIVE');
    const got = await bedrock(admin).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: created.inferenceProfileArn }));
    assert.equal(got.models?.length, 3);
    const tags = await bedrock(admin).send(new ListTagsForResourceCommand({ resourceARN: created.inferenceProfileArn }));
    assert.deepEqual(tags.tags?.find((t) => t.key === 'DeveloperId'), { key: 'DeveloperId', value: 'erin' });
    assert.ok(fixture.emulator.applicationProfiles().some((p) => p.name === 'claude-sonnet-erin'));

    const conflict = await rejectionOf(
      bedrock(admin).send(new CreateInferenceProfileCommand({ inferenceProfileName: 'claude-sonnet-erin', modelSource: { copyFrom: SONNET_SYSTEM_ARN } })),
    );
    assert.ok(conflict instanceof ConflictException);

    await bedrock(admin).send(new DeleteInferenceProfileCommand({ inferenceProfileIdentifier: created.inferenceProfileArn }));
    const gone = await rejectionOf(bedrock(admin).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: created.inferenceProfileArn })));
    assert.ok(gone instanceof ResourceNotFoundException);
  });

  it('accepts a foundation-model ARN as copyFrom and replays a clientRequestToken', async () => {
    const input = {
      inferenceProfileName: 'claude-haiku-frank',
      modelSource: { copyFrom: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0' },
      clientRequestToken: 'token-frank-1',
    };
    const first = await bedrock(admin).send(new CreateInferenceProfileCommand(input));
    const again = await bedrock(admin).send(new CreateInferenceProfileCommand(input));
    assert.equal(again.inferenceProfileArn, first.inferenceProfileArn);
    const got = await bedrock(admin).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: first.inferenceProfileArn }));
    assert.deepEqual(got.models, [{ modelArn: input.modelSource.copyFrom }]);
  });

  it('rejects unknown sources and bad names, and denies create without permission', async () => {
    const unknown = await rejectionOf(
      bedrock(admin).send(
        new CreateInferenceProfileCommand({ inferenceProfileName: 'x1', modelSource: { copyFrom: `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:inference-profile/us.unknown.model-v1:0` } }),
      ),
    );
    assert.ok(unknown instanceof ValidationException);
    const badName = await rejectionOf(bedrock(admin).send(new CreateInferenceProfileCommand({ inferenceProfileName: 'bad name!', modelSource: { copyFrom: SONNET_SYSTEM_ARN } })));
    assert.ok(badName instanceof ValidationException);
    const denied = await rejectionOf(bedrock(alice).send(new CreateInferenceProfileCommand({ inferenceProfileName: 'mine', modelSource: { copyFrom: SONNET_SYSTEM_ARN } })));
    assert.ok(denied instanceof AccessDeniedException);
    assert.match(denied.message, /bedrock:CreateInferenceProfile/);
  });

  it('accepts a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) as its own identity; an unknown key is refused', async () => {
    const key = fixture.emulator.world().apiKeys?.[0]?.key ?? '';
    const restore = setEnv({ AWS_BEARER_TOKEN_BEDROCK: key });
    try {
      fixture.emulator.resetRequests();
      const out = await new BedrockClient({ region: REGION }).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: BOB_SONNET }));
      assert.equal(out.inferenceProfileName, 'claude-sonnet-bob');
      assert.equal(fixture.emulator.requests()[0]?.caller, 'api-key:shared-team-key');
      process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSK-not-a-key';
      const refused = await rejectionOf(new BedrockClient({ region: REGION }).send(new ListInferenceProfilesCommand({})));
      assert.equal(refused.name, 'UnrecognizedClientException');
    } finally {
      restore();
    }
  });

  it('also accepts an ARN label that was not percent-encoded (raw HTTP, Bedrock API key)', async () => {
    const key = fixture.emulator.world().apiKeys?.[0]?.key ?? '';
    const response = await fetch(`${fixture.emulator.url}/inference-profiles/${ALICE_SONNET}`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { inferenceProfileId: string }).inferenceProfileId, 'k3v9q2m7x1ab');
    const invoke = await fetch(`${fixture.emulator.url}/model/${ALICE_SONNET}/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(invoke.status, 200);
  });

  it('rejects expired role credentials with ExpiredTokenException', async () => {
    const credentials = fixture.emulator.issueRoleCredentials('bob');
    fixture.emulator.expireRoleCredentials();
    const expired = await rejectionOf(bedrock(credentials).send(new ListInferenceProfilesCommand({})));
    assert.equal(expired.name, 'ExpiredTokenException');
    assert.equal(expired.$metadata?.httpStatusCode, 403);
    alice = await credentialsFor(fixture.emulator, 'alice');
    admin = await credentialsFor(fixture.emulator, 'dana', 'BedrockAdmin');
  });
});
