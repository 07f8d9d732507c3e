import * as vscode from 'vscode';
import { listProfiles, REGION_NAME } from '../aws/session';
import type { AwsSession } from './aws';
import { choose } from './prompts';
import { setAwsSetting } from './settings';

// Choosing the AWS profile and region: quick picks whose choice is stored at user level,
// the only level the extension reads (a workspace cannot pick the account).

/** Regions offered first; any other can be typed. */
const COMMON_REGIONS: readonly [string, string][] = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-east-2', 'US East (Ohio)'],
  ['us-west-1', 'US West (N. California)'],
  ['us-west-2', 'US West (Oregon)'],
  ['ca-central-1', 'Canada (Central)'],
  ['sa-east-1', 'South America (São Paulo)'],
  ['eu-west-1', 'Europe (Ireland)'],
  ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'],
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-central-2', 'Europe (Zurich)'],
  ['eu-north-1', 'Europe (Stockholm)'],
  ['eu-south-1', 'Europe (Milan)'],
  ['ap-south-1', 'Asia Pacific (Mumbai)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['me-central-1', 'Middle East (UAE)'],
  ['af-south-1', 'Africa (Cape Town)'],
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
    ...COMMON_REGIONS.map(([region, name]): RegionItem => ({
      label: region,
      description: [name, region === current ? 'current' : ''].filter(Boolean).join(' · '),
      region,
    })),
  ];
  const title = 'AWS region for SageMaker Scaling';
  const typed = (value: string) => typedRegion(value, fixed);
  const listed = (value: string) => fixed.find((i) => i.label === value || i.region === value.trim().toLowerCase());
  const chosen = await choose(
    title,
    fixed,
    () => showRegionPick(title, fixed, typed),
    (text) => listed(text) ?? typed(text),
  );
  if (!chosen) return undefined;
  await setAwsSetting('aws.region', chosen.region);
  return chosen.region ?? '';
}

/** A typed region name that is not in the list, as an item; undefined when it is not a region name. */
function typedRegion(value: string, fixed: readonly RegionItem[]): RegionItem | undefined {
  const region = value.trim().toLowerCase();
  if (!region || fixed.some((i) => i.region === region)) return undefined;
  return REGION_NAME.test(region) ? { label: region, description: 'typed', region, alwaysShow: true } : undefined;
}

/** The region quick pick: the fixed items, and what is typed when it is a region name. */
function showRegionPick(
  title: string,
  fixed: RegionItem[],
  typed: (value: string) => RegionItem | undefined,
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
        const extra = typed(value);
        pick.items = extra ? [extra, ...fixed] : fixed;
      }),
      pick.onDidAccept(() => finish(pick.selectedItems[0] ?? typed(pick.value))),
      pick.onDidHide(() => finish(undefined)),
    );
    pick.show();
  });
}
