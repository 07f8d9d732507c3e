import * as vscode from 'vscode';
import type { AwsSession, SessionDescription } from './aws';
import { PLAN_SCHEME } from './plan';

// The status-bar item that says which AWS profile, region and (once known) account the
// tree, fetch and apply use. Shown while a *.scaling.json or a plan's diff is the active
// editor, or the Auto Scaling view is visible; a click chooses the profile, the tooltip
// links to choosing the region.

const SOURCE_WORDS: Record<string, string> = {
  setting: 'the setting',
  profile: 'the profile',
  environment: 'the environment (AWS_REGION)',
};

/** Profile, region and account in a few words: `my-profile · eu-west-1 · 123456789012`. */
export function sessionLabel(d: SessionDescription | undefined): string {
  if (!d) return '';
  return [d.profileLabel, d.region ?? 'no region', d.account, d.endpoint ? 'custom endpoint' : '']
    .filter(Boolean)
    .join(' · ');
}

/** A scaling file, or a side of a plan's diff: while one is shown, which AWS it talks to matters. */
function isScalingEditor(editor: vscode.TextEditor | undefined): boolean {
  if (!editor) return false;
  const uri = editor.document.uri;
  return uri.scheme === PLAN_SCHEME || /\.scaling\.json$/i.test(uri.path);
}

/** Whether the active tab is a plan's diff (its editor can have focus on neither side). */
function isPlanTab(): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === PLAN_SCHEME;
}

export class AwsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sagemakerScaling.aws', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];
  private viewVisible = false;
  private generation = 0;

  constructor(
    private readonly session: AwsSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item.name = 'SageMaker Scaling: AWS profile and region';
    this.item.command = 'sagemakerScaling.selectProfile';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.updateVisibility()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.updateVisibility()),
    );
    this.updateVisibility();
  }

  /** The Auto Scaling view's visibility, which shows the item too. */
  setViewVisible(visible: boolean): void {
    this.viewVisible = visible;
    this.updateVisibility();
  }

  private updateVisibility(): void {
    if (this.viewVisible || isScalingEditor(vscode.window.activeTextEditor) || isPlanTab()) this.item.show();
    else this.item.hide();
  }

  /** Re-reads profile and region; resolves to the description (undefined when it cannot be read). */
  async update(): Promise<SessionDescription | undefined> {
    const generation = ++this.generation;
    let description: SessionDescription | undefined;
    try {
      description = await this.session.describe();
    } catch (error) {
      this.log.warn(`cannot read the AWS settings: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (generation !== this.generation) return description;
    this.item.text = `$(cloud) ${description ? sessionLabel(description) : 'AWS settings unreadable'}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: ['sagemakerScaling.selectProfile', 'sagemakerScaling.selectRegion'] };
    tooltip.appendMarkdown('**SageMaker Scaling: AWS**\n\n');
    if (description) {
      tooltip.appendMarkdown(
        `Profile: ${description.profileNamed ? `\`${description.profileLabel}\`` : 'the default credential chain'}\n\n`,
      );
      tooltip.appendMarkdown(
        description.region
          ? `Region: \`${description.region}\` (from ${SOURCE_WORDS[description.regionSource ?? ''] ?? 'the settings'})\n\n`
          : 'Region: none configured\n\n',
      );
      if (description.account) tooltip.appendMarkdown(`Account: \`${description.account}\`\n\n`);
      if (description.endpoint) tooltip.appendMarkdown(`Endpoint: \`${description.endpoint}\`\n\n`);
    }
    tooltip.appendMarkdown(
      '[Choose profile](command:sagemakerScaling.selectProfile) · [Choose region](command:sagemakerScaling.selectRegion)',
    );
    this.item.tooltip = tooltip;
    return description;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
