import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { listProfiles } from '../../aws/session';

// The profile picker's list: both shared files, read from temporary files (never the user's).

describe('listProfiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scaling-profiles-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the profiles of both files once, with region and SSO, leaving out sso-session and services sections', async () => {
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    writeFileSync(
      config,
      [
        '[default]',
        'region = us-east-1',
        '[profile prod]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'region = eu-west-1',
        '[sso-session corp]',
        'sso_region = eu-west-1',
        'sso_start_url = https://example.awsapps.com/start',
        '[services local]',
        'sagemaker =',
        '  endpoint_url = http://127.0.0.1:5000',
        '[profile dev]',
        'region = eu-central-1',
      ].join('\n'),
    );
    writeFileSync(
      credentials,
      [
        '[default]',
        'aws_access_key_id = AKIDEXAMPLE',
        'aws_secret_access_key = secret',
        '[ci]',
        'aws_access_key_id = AKIDEXAMPLE2',
        'aws_secret_access_key = secret2',
        'region = us-west-2',
      ].join('\n'),
    );
    const profiles = await listProfiles({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    assert.deepEqual(profiles, [
      { name: 'ci', files: ['credentials'], region: 'us-west-2', sso: false },
      { name: 'default', files: ['config', 'credentials'], region: 'us-east-1', sso: false },
      { name: 'dev', files: ['config'], region: 'eu-central-1', sso: false },
      { name: 'prod', files: ['config'], region: 'eu-west-1', sso: true },
    ]);
    assert.ok(!JSON.stringify(profiles).includes('secret'), 'no credential is returned');
  });

  it('is empty when the files do not exist', async () => {
    assert.deepEqual(
      await listProfiles({ AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none2') }),
      [],
    );
  });
});
