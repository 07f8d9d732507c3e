import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDocument } from '../../core/lint/lintDocument';
import { RuleConfigLookup } from '../../core/lint/ruleConfigLookup';

// The one validation pipeline the CLI and the extension call, and the one .scalingrc.json
// lookup every host shares with its own file access.

const NOW = new Date('2026-11-28T12:00:00Z');
const URI = 'file:///work/prod.scaling.json';

const text = `{
  "ScalableTargets": [
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/e/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "MinCapacity": 5,
      "MaxCapacity": 1,
      "MaxCapacty": 2,
    }
  ]
}`;

describe('lintDocument', () => {
  it('returns every layer in document order, with offsets into the text', async () => {
    const { findings, analysis } = await lintDocument(text, { uri: URI, now: NOW });
    const codes = findings.map((f) => f.code);
    assert.ok(codes.includes('json.syntax'), 'the trailing comma');
    assert.ok(codes.includes('json.schema'), 'the misspelt member');
    assert.ok(codes.includes('target.min-le-max'), 'our rule');
    assert.deepEqual(
      findings.map((f) => f.start),
      [...findings.map((f) => f.start)].sort((a, b) => a - b),
    );
    const schema = findings.find((f) => f.code === 'json.schema')!;
    assert.equal(text.slice(schema.start, schema.end), '"MaxCapacty"');
    assert.equal(schema.severity, 'error', 'a schema violation is a request AWS rejects');
    const comma = findings.find((f) => f.code === 'json.syntax')!;
    assert.equal(comma.severity, 'warning', 'VS Code shows a trailing comma in jsonc as a warning');
    assert.equal(analysis.model?.targets.length, 1);
  });

  it('applies the rule configuration to the rules and leaves the first two layers alone', async () => {
    const { findings } = await lintDocument(text, {
      uri: URI,
      now: NOW,
      config: { rules: { 'target.min-le-max': 'off' } },
    });
    const codes = findings.map((f) => f.code);
    assert.ok(!codes.includes('target.min-le-max'));
    assert.ok(codes.includes('json.schema') && codes.includes('json.syntax'));
  });

  it('applies the schema only to *.scaling.json, as the editor does', async () => {
    const { findings } = await lintDocument(text, { uri: 'file:///work/other.json', now: NOW });
    assert.ok(!findings.some((f) => f.code === 'json.schema'));
  });
});

describe('RuleConfigLookup', () => {
  const files: Record<string, string> = {
    '/repo/.scalingrc.json': '{ "rules": { "target.min-eq-max": "off" } }',
    '/repo/team/.scalingrc.json': '{ "rules": { "no.such-rule": "off" } }',
  };

  it('finds the nearest file above a folder, reads each file once, and keeps its problems', async () => {
    const reads: string[] = [];
    const lookup = new RuleConfigLookup({
      exists: (path) => path in files,
      read: (path) => {
        reads.push(path);
        return files[path]!;
      },
    });
    assert.deepEqual((await lookup.forFolder('/repo/a/b'))?.config, { rules: { 'target.min-eq-max': 'off' } });
    assert.equal((await lookup.forFolder('/repo'))?.path, '/repo/.scalingrc.json');
    const team = await lookup.forFolder('/repo/team/x');
    assert.equal(team?.path, '/repo/team/.scalingrc.json');
    assert.deepEqual(
      team?.findings.map((f) => f.code),
      ['format.unknown-rule'],
    );
    assert.equal(await lookup.forFolder('/elsewhere'), undefined);
    assert.deepEqual(reads, ['/repo/.scalingrc.json', '/repo/team/.scalingrc.json']);
    assert.equal(lookup.loaded().length, 2);
    lookup.clear();
    await lookup.forFolder('/repo');
    assert.equal(reads.length, 3, 'read again after clear()');
  });

  it('takes asynchronous file access, and a file it cannot read throws and is tried again', async () => {
    let fail = true;
    const lookup = new RuleConfigLookup({
      exists: (path) => Promise.resolve(path === '/repo/.scalingrc.json'),
      read: (path) => (fail ? Promise.reject(new Error(`EACCES ${path}`)) : Promise.resolve(files[path]!)),
    });
    await assert.rejects(lookup.forFolder('/repo/x'), /EACCES/);
    fail = false;
    assert.equal((await lookup.forFolder('/repo/x'))?.path, '/repo/.scalingrc.json');
  });

  it('walks Windows paths too', async () => {
    const lookup = new RuleConfigLookup({
      exists: (path) => path === 'C:\\repo\\.scalingrc.json',
      read: () => '{ "rules": {} }',
    });
    assert.equal((await lookup.forFolder('C:\\repo\\models'))?.path, 'C:\\repo\\.scalingrc.json');
  });
});
