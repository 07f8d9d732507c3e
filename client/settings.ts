import * as vscode from 'vscode';
import type { RuleLevel } from '../core/lint/config';

// The one typed reader of the extension's settings. AWS settings are machine-scoped and
// only their user-level value is read, so a cloned repository's .vscode/settings.json can
// never redirect signed requests or pick the account (README, Settings).

export const SECTION = 'sagemakerScaling';

export interface AwsSettings {
  profile: string | undefined;
  region: string | undefined;
  endpointUrl: string | undefined;
}

function userValue(key: string): string | undefined {
  const value = vscode.workspace.getConfiguration(SECTION).inspect<string>(key)?.globalValue;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Profile, region and endpoint from the user's own settings, never the workspace's. */
export function getAwsSettings(): AwsSettings {
  return {
    profile: userValue('aws.profile'),
    region: userValue('aws.region'),
    endpointUrl: userValue('aws.endpointUrl'),
  };
}

/** Whether apply deletes live objects the file does not list. Off in an untrusted workspace. */
export function getPrune(resource: vscode.Uri | undefined): boolean {
  if (!vscode.workspace.isTrusted) return false;
  return vscode.workspace.getConfiguration(SECTION, resource).get<boolean>('apply.prune', false) === true;
}

/** Stores an AWS setting at user level (the only level that is read). */
export async function setAwsSetting(
  key: 'aws.profile' | 'aws.region' | 'aws.endpointUrl',
  value: string | undefined,
): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value ?? undefined, vscode.ConfigurationTarget.Global);
}

/** Whether a configuration change touches the AWS settings. */
export function affectsAws(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.aws`);
}

/** Rule levels from the settings (`sagemakerScaling.rules`), as the language server reads them. */
export function getRuleLevels(resource: vscode.Uri | undefined): Record<string, RuleLevel> {
  const rules = vscode.workspace.getConfiguration(SECTION, resource).get<unknown>('rules');
  return rules && typeof rules === 'object' && !Array.isArray(rules) ? (rules as Record<string, RuleLevel>) : {};
}
