import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { REVOKE_KEY_ADVICE, deleteBearerTokenBackups } from '../../../src/core/bearerToken/bearerTokenBackups';
import { describeFileError } from '../../../src/core/claudeSettings/fileErrors';
import { makeTempHome } from '../../support/tempHome';
import { FAKE_TOKEN, writeFiles } from './bearerTokenFixtures';

describe('deleting the backups that still hold the key (temp home)', function () {
  let home: string;
  let removeHome: () => Promise<void>;
  beforeEach(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  afterEach(async function () {
    await removeHome();
  });

  it('deletes each backup once, passes over one already gone, and says which could not be deleted', async function () {
    await writeFiles(home, { '.bashrc.bedrock-onboarding.bak': FAKE_TOKEN, '.zshrc.bedrock-onboarding.bak': FAKE_TOKEN });
    // A folder in a backup's place cannot be unlinked.
    await fs.mkdir(path.join(home, '.profile.bedrock-onboarding.bak'));
    const bashrc = path.join(home, '.bashrc.bedrock-onboarding.bak');
    const zshrc = path.join(home, '.zshrc.bedrock-onboarding.bak');
    const folder = path.join(home, '.profile.bedrock-onboarding.bak');
    const gone = path.join(home, '.cshrc.bedrock-onboarding.bak');

    const result = await deleteBearerTokenBackups([bashrc, gone, zshrc, bashrc, folder]);
    assert.deepEqual(result.deleted, [bashrc, zshrc]);
    const unlinkError = await fs.unlink(folder).catch((error: unknown) => error);
    assert.deepEqual(result.failures, [`Could not delete the backup ${folder}: ${describeFileError(unlinkError)}. It still holds the key; delete it by hand.`]);
    await assert.rejects(fs.access(bashrc));
    await assert.rejects(fs.access(zshrc));
  });

  it('tells the developer to delete a long-term key in IAM, since a short-term one expires by itself', function () {
    assert.equal(
      REVOKE_KEY_ADVICE,
      'If the AWS_BEARER_TOKEN_BEDROCK value was a long-term Bedrock API key, delete it in IAM (your IAM user, Security credentials, API keys for Amazon Bedrock) so no copy of it works any more; a short-term key expires by itself within 12 hours.',
    );
  });
});
