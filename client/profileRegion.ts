import * as vscode from 'vscode';
import { regionDescription, regionProblem, suggestRegions } from '../aws/regions';
import { listProfiles } from '../aws/session';
import type { AwsSession } from './aws';
import { choose } from './prompts';
import { setAwsSetting } from './settings';

// Choosing the AWS profile and region: quick picks whose choice is stored at user level,
// the only level the extension reads (a workspace cannot pick the account).

/** Regions offered first; any other the AWS SDK knows can be typed. Their names in words come from the SDK. */
const COMMON_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'me-central-1',
  'af-south-1',
];

interface ProfileItem extends vscode.QuickPickItem {
  profile: string | undefined;
}

/** sagemakerScaling.selectProfile: a profile of the shared config files, or the default credential chain. */
export async function selectProfile(session: AwsSession): Promise<string | undefined> {
  const current = session.settings().profile;
  const items: Promise<ProfileItem[]> = listProfiles().then((profiles) => [
    {
      label: '$(key) Default credential chain',
      description: current === undefined ? 'current' : '',
      detail: 'AWS_PROFILE, environment variables, SSO, credential process, container and instance roles',
      profile: undefined,
    },
    ...profiles.map((p): ProfileItem => ({
      label: p.name,
      description: [p.name === current ? 'current' : '', p.region ?? '', p.sso ? 'SSO' : '']
        .filter(Boolean)
        .join(' · '),
      detail: `in ${p.files.map((f) => (f === 'config' ? 'the config file' : 'the credentials file')).join(' and ')}`,
      profile: p.name,
    })),
  ]);
  const title = 'AWS profile for SageMaker Scaling';
  const picked = await choose(
    title,
    items,
    () =>
      vscode.window.showQuickPick(items, {
        title,
        placeHolder:
          'Profiles of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)',
        matchOnDetail: false,
        ignoreFocusOut: true,
      }),
    (text, all) => all.find((i) => i.label === text),
  );
  if (!picked) return undefined;
  await setAwsSetting('aws.profile', picked.profile);
  return picked.profile ?? '';
}

interface RegionItem extends vscode.QuickPickItem {
  region: string | undefined;
}

/** sagemakerScaling.selectRegion: a common region, any typed one, or "from the profile / environment". */
export async function selectRegion(session: AwsSession): Promise<string | undefined> {
  const current = session.settings().region;
  const fixed: RegionItem[] = [
    {
      label: '$(settings) From the profile or environment',
      description: current === undefined ? 'current' : '',
      detail: "The profile's region, then AWS_REGION / AWS_DEFAULT_REGION",
      region: undefined,
    },
    ...COMMON_REGIONS.map((region): RegionItem => ({
      label: region,
      description: [regionDescription(region) ?? '', region === current ? 'current' : ''].filter(Boolean).join(' · '),
      region,
    })),
  ];
  const title = 'AWS region for SageMaker Scaling';
  const typed = (value: string) => typedRegion(value, fixed);
  const listed = (value: string) => fixed.find((i) => i.label === value || i.region === value.trim().toLowerCase());
  let refused: string | undefined;
  const chosen = await choose(
    title,
    fixed,
    () =>
      showRegionPick(title, fixed, typed, (value) => {
        refused = value;
      }),
    (text) => {
      // Only what was typed: a typo is refused, never stored as the region it resembles.
      const item = listed(text) ?? typed(text).find((i) => i.region === text.trim().toLowerCase());
      if (!item) refused = text;
      return item;
    },
  );
  if (refused !== undefined) {
    const problem = regionProblem(refused.trim().toLowerCase(), 'The typed region');
    if (problem) void vscode.window.showErrorMessage(`${problem} Nothing was changed.`);
  }
  if (!chosen) return undefined;
  await setAwsSetting('aws.region', chosen.region);
  return chosen.region ?? '';
}

/**
 * What typing offers beyond the list: the typed name when the AWS SDK knows it, else the
 * known regions one edit away ("did you mean"), to pick instead. Empty for text that
 * is no region.
 */
function typedRegion(value: string, fixed: readonly RegionItem[]): RegionItem[] {
  const region = value.trim().toLowerCase();
  if (!region || fixed.some((i) => i.region === region)) return [];
  const description = regionDescription(region);
  if (description) return [{ label: region, description: `${description} · typed`, region, alwaysShow: true }];
  if (!/^[a-z]+-/.test(region)) return [];
  return suggestRegions(region, { maxEdits: 1 }).map((near) => ({
    label: near,
    description: `${regionDescription(near) ?? ''} · did you mean this? "${region}" is not an AWS Region`,
    region: near,
    alwaysShow: true,
  }));
}

/** The region quick pick: the fixed items, and what typing offers. Accepting text that is no region calls `refuse`. */
function showRegionPick(
  title: string,
  fixed: RegionItem[],
  typed: (value: string) => RegionItem[],
  refuse: (value: string) => void,
): Promise<RegionItem | undefined> {
  const pick = vscode.window.createQuickPick<RegionItem>();
  pick.title = title;
  pick.placeholder = 'Choose a region, or type one (such as il-central-1)';
  pick.ignoreFocusOut = true;
  pick.items = fixed;
  return new Promise<RegionItem | undefined>((resolve) => {
    const disposables: vscode.Disposable[] = [];
    let done = false;
    const finish = (item: RegionItem | undefined) => {
      if (done) return;
      done = true;
      for (const d of disposables) d.dispose();
      pick.dispose();
      resolve(item);
    };
    disposables.push(
      pick.onDidChangeValue((value) => {
        pick.items = [...typed(value), ...fixed];
      }),
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0];
        if (!item && pick.value.trim()) refuse(pick.value);
        finish(item);
      }),
      pick.onDidHide(() => finish(undefined)),
    );
    pick.show();
  });
}
