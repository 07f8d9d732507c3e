import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';
import type { Finding } from '../../core/finding';
import { RULES_BY_CODE } from '../../core/rules';
import { scheduleRules } from '../../core/rules/schedules';
import { checkTimeZone, dstIssues, neverFires, parseSchedule } from '../../core/schedule';
import { EXAMPLES } from '../paths';

// The schedule rules beyond their fixtures: how parser offsets land in the document, which
// code owns which "never runs" case, and the checks across the actions of a target.

const NOW = new Date('2026-11-28T12:00:00Z');

function check(text: string): Finding[] {
  return analyzeText(text, { now: NOW, rules: scheduleRules }).findings;
}

function all(text: string): Finding[] {
  return analyzeText(text, { now: NOW }).findings;
}

/** A target (Min 1, Max 10) with the given scheduled actions (JSON object bodies). */
function doc(...actions: string[]): string {
  return `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/AllTraffic",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 10,
  "ScheduledActions": [ ${actions.map((a, i) => `{ "ScheduledActionName": "a${i}", ${a} }`).join(', ')} ] } ] }`;
}

const DOWN = '"ScalableTargetAction": { "MinCapacity": 1, "MaxCapacity": 10 }';
const UP = '"ScalableTargetAction": { "MinCapacity": 5, "MaxCapacity": 10 }';

function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

describe('schedule rules', () => {
  it('keep the examples free of errors and warnings', () => {
    for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.scaling.json'))) {
      const findings = check(readFileSync(join(EXAMPLES, name), 'utf8'));
      assert.deepEqual(
        findings.filter((f) => f.severity !== 'information').map((f) => `${f.code}: ${f.message}`),
        [],
        name,
      );
    }
  });

  it('register every code the schedule module reports, with the same severity', () => {
    const expressions = [
      '',
      ' ',
      '0 8 * * 1-5',
      'Cron(0 8 * * ? *)',
      'cron(0 8 * * 1-5)',
      'cron(0 0 8 * * ? *)',
      'cron(0 16 * * MON-FRI *)',
      'cron(0 8 ? * ? *)',
      'cron(0 ? * * ? *)',
      'cron(0 8 ? * 2#1,6#3 *)',
      'cron(0 24 * * ? *)',
      'cron(0 8 ? * FRI-MON *)',
      'cron(0 8 ? * mon *)',
      'cron(0 8 ? * 2 *)',
      'cron(* 8 * * ? *)',
      'cron(0 8 30 2 ? *)',
      'at(2026-01-01T08:00:00Z)',
      'rate(5 mins)',
      'rate(1 hours)',
    ];
    const seen = new Map<string, string>();
    for (const e of expressions) for (const p of parseSchedule(e).problems) seen.set(p.code, p.severity);
    const past = parseSchedule('at(2026-01-01T08:00:00)').schedule!;
    for (const p of neverFires(past, { now: NOW })) seen.set(p.code, p.severity);
    const oldYear = parseSchedule('cron(0 8 * * ? 2025)').schedule!;
    for (const p of neverFires(oldYear, { now: NOW })) seen.set(p.code, p.severity);
    for (const p of dstIssues(parseSchedule('cron(30 2 * * ? *)').schedule!, 'Europe/Berlin', NOW))
      seen.set(p.code, p.severity);
    for (const zone of ['PST', 'Etc/GMT+9'])
      seen.set(checkTimeZone(zone).problem!.code, checkTimeZone(zone).problem!.severity);
    const mine = new Map(scheduleRules.flatMap((r) => r.codes).map((m) => [m.code, m.severity]));
    assert.ok(seen.size >= 20);
    for (const [code, severity] of seen) {
      assert.equal(mine.get(code), severity, `${code} is registered by the schedule rule with the module's severity`);
    }
    for (const code of mine.keys()) assert.equal(RULES_BY_CODE.get(code)?.severity, mine.get(code));
  });

  it('places problems inside an escaped string and fixes it as a whole literal', () => {
    const text = doc(`"Schedule": "cron(0 8 * * MON\\u002DFRI *)", "Timezone": "Europe/Berlin", ${DOWN}`);
    const [finding] = check(text).filter((f) => f.code === 'cron.dom-dow-question');
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), '*');
    assert.equal(text.slice(finding.start - 10, finding.start), '"cron(0 8 ');
    const edit = finding.fixes![0]!.edits[0]!;
    assert.equal(text.slice(edit.start, edit.end), '"cron(0 8 * * MON\\u002DFRI *)"');
    assert.equal(edit.newText, '"cron(0 8 ? * MON-FRI *)"');
    // After the escape, the decoded offsets are shifted by its five extra characters.
    const lower = doc(`"Schedule": "cron(0 8 ? * MON\\u002Dfri *)", "Timezone": "Europe/Berlin", ${DOWN}`);
    const [names] = check(lower).filter((f) => f.code === 'cron.names-case');
    assert.equal(lower.slice(names!.start, names!.end), 'fri');
  });

  it('leave empty values to the schema, and report a missing Schedule', () => {
    assert.deepEqual(codes(check(doc(`"Schedule": "", "Timezone": "", ${DOWN}`))), []);
    assert.deepEqual(codes(check(doc(`"Timezone": "Europe/Berlin", ${DOWN}`))), ['sched.schedule-required']);
    assert.deepEqual(codes(check(doc(`"Schedule": 5, ${DOWN}`))), [], "a Schedule of the wrong type is the schema's");
  });

  it('note UTC only where the zone changes when the action runs', () => {
    assert.deepEqual(codes(check(doc(`"Schedule": "at(2027-01-01T08:00:00)", ${DOWN}`))), ['tz.utc-default']);
    assert.deepEqual(
      codes(check(doc(`"Schedule": "cron(0 * * * ? *)", ${DOWN}`))),
      [],
      'every hour of every day: the same in every zone',
    );
    assert.deepEqual(codes(check(doc(`"Schedule": "rate(1 hour)", ${DOWN}`))), []);
    assert.deepEqual(codes(check(doc(`"Schedule": "cron(0 8 * * ? *)", "Timezone": "UTC", ${DOWN}`))), []);
    const [info] = check(doc(`"Schedule": "cron(0 8 * * ? *)", ${DOWN}`));
    assert.equal(info!.severity, 'information');
    assert.match(info!.message, /runs in UTC \(at 08:00 every day, UTC\)/);
  });

  it('give each "never runs" case one code', () => {
    // EndTime in the past: sched.end-in-past (scheduledActions.ts), not cron.never-fires.
    const ended = all(
      doc(
        `"Schedule": "cron(0 8 ? * MON-FRI *)", "Timezone": "Europe/Berlin", "EndTime": "2026-01-01T00:00:00Z", ${DOWN}`,
      ),
    );
    assert.deepEqual(
      codes(ended).filter((c) => /never-fires|end-in-past|at\.past/.test(c)),
      ['sched.end-in-past'],
    );
    // EndTime before StartTime: sched.end-after-start.
    const inverted = all(
      doc(
        `"Schedule": "cron(0 8 ? * MON-FRI *)", "Timezone": "Europe/Berlin", "StartTime": "2027-06-01T00:00:00Z", "EndTime": "2027-05-01T00:00:00Z", ${DOWN}`,
      ),
    );
    assert.deepEqual(
      codes(inverted).filter((c) => /never-fires|end-after-start/.test(c)),
      ['sched.end-after-start'],
    );
    // A past at(): at.past only.
    assert.deepEqual(codes(check(doc(`"Schedule": "at(2025-05-01T08:00:00)", "Timezone": "UTC", ${DOWN}`))), [
      'at.past',
    ]);
  });

  it('skip zone-dependent checks when the Timezone is unknown', () => {
    const findings = check(doc(`"Schedule": "at(2025-05-01T08:00:00)", "Timezone": "Mars/Olympus", ${DOWN}`));
    assert.deepEqual(codes(findings), ['tz.valid']);
  });

  it('find actions due in the same minute across zones', () => {
    const text = doc(
      `"Schedule": "cron(0 8 ? * MON-FRI *)", "Timezone": "Europe/London", ${UP}`,
      `"Schedule": "cron(0 9 ? * MON-FRI *)", "Timezone": "Europe/Berlin", ${DOWN}`,
    );
    const order = check(text).filter((f) => f.code === 'sched.order');
    assert.equal(order.length, 1);
    assert.match(
      order[0]!.message,
      /"a0" are due in the same minute, first on Mon 2026-11-30 09:00 \+01:00 \(Europe\/Berlin\)/,
    );
    assert.equal(text.slice(order[0]!.related![0]!.start, order[0]!.related![0]!.end), '"cron(0 8 ? * MON-FRI *)"');
  });

  it('leave rate() schedules and disjoint days out of sched.order', () => {
    const rate = doc(`"Schedule": "rate(1 hour)", ${UP}`, `"Schedule": "rate(1 hour)", ${DOWN}`);
    assert.deepEqual(
      codes(check(rate)).filter((c) => c === 'sched.order'),
      [],
    );
    const monthEnds = doc(
      `"Schedule": "cron(0 8 L * ? *)", "Timezone": "UTC", ${UP}`,
      `"Schedule": "cron(0 8 1 * ? *)", "Timezone": "UTC", ${DOWN}`,
    );
    assert.deepEqual(codes(check(monthEnds)), []);
  });

  it('check that a raise is lowered after it last runs', () => {
    const campaign = '"StartTime": "2027-01-01T00:00:00Z", "EndTime": "2027-03-01T00:00:00Z"';
    // The lowering action stops before the raising one: the last weeks stay raised.
    const early = doc(
      `"Schedule": "cron(0 8 * * ? *)", "Timezone": "UTC", ${campaign}, ${UP}`,
      `"Schedule": "cron(0 20 * * ? *)", "Timezone": "UTC", "StartTime": "2027-01-01T00:00:00Z", "EndTime": "2027-02-01T00:00:00Z", ${DOWN}`,
    );
    const found = check(early).filter((f) => f.code === 'sched.no-revert');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /raises MinCapacity to 5 \(the target's is 1\).*not even after its EndTime/);
    // A recurring lowering action with no end reverts it.
    const fine = doc(
      `"Schedule": "cron(0 8 * * ? *)", "Timezone": "UTC", ${campaign}, ${UP}`,
      `"Schedule": "cron(0 20 * * ? *)", "Timezone": "UTC", ${DOWN}`,
    );
    assert.deepEqual(codes(check(fine)), []);
  });

  it('report a raised MaxCapacity that nothing lowers', () => {
    const text = doc(
      `"Schedule": "cron(0 8 * * ? *)", "Timezone": "UTC", "ScalableTargetAction": { "MaxCapacity": 40 }`,
      `"Schedule": "cron(0 20 * * ? *)", "Timezone": "UTC", "ScalableTargetAction": { "MinCapacity": 1 }`,
    );
    const [finding] = check(text).filter((f) => f.code === 'sched.no-revert');
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), '40');
    assert.match(finding.message, /MaxCapacity stays 40 for good/);
  });
});
