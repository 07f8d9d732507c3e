import * as vscode from 'vscode';
import type { EndpointSummary, InferenceComponentSummary, ScalingActivity, VariantDetails } from '../../aws/endpoints';
import { type LiveTarget, type PolicySpec, type ScheduledActionSpec, type TargetKey } from '../../core/plan/liveState';
import {
  actionSummary,
  actionWords,
  activitySummary,
  policyKind,
  policySummary,
  policyTooltip,
  readableInstant,
  targetSummary,
  targetTooltip,
  variantSummary,
  variantTooltip,
} from './labels';

// The nodes of the Auto Scaling view. Each wraps plain data (an endpoint, a variant, a
// policy…) and builds its TreeItem on demand. Ids derive from ARNs and names, so they stay
// the same across refreshes and VS Code keeps what was expanded. contextValue is one word
// of a fixed vocabulary that package.json's menus match.

const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const Expanded = vscode.TreeItemCollapsibleState.Expanded;

/** A tooltip of Markdown lines, one paragraph each. */
function linesTooltip(lines: readonly string[]): vscode.MarkdownString {
  return new vscode.MarkdownString(lines.join('\n\n'));
}

/** Where a node lives: the region its data came from (ids must not collide across regions). */
export interface Origin {
  region: string;
}

export class EndpointNode {
  readonly kind = 'endpoint';
  constructor(
    readonly origin: Origin,
    readonly endpoint: EndpointSummary,
  ) {}

  get id(): string {
    return this.endpoint.EndpointArn || `endpoint:${this.origin.region}:${this.endpoint.EndpointName}`;
  }

  treeItem(): vscode.TreeItem {
    const e = this.endpoint;
    const item = new vscode.TreeItem(e.EndpointName, Collapsed);
    item.id = this.id;
    item.contextValue = 'endpoint';
    item.description = e.EndpointStatus;
    item.iconPath =
      e.EndpointStatus === 'InService'
        ? new vscode.ThemeIcon('server-process')
        : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**Endpoint ${e.EndpointName}**\n\n`);
    tooltip.appendMarkdown(
      `Status: ${e.EndpointStatus}${e.EndpointStatus === 'InService' ? '' : ' — Application Auto Scaling registers only endpoints in service'}\n\n`,
    );
    if (e.LastModifiedTime) tooltip.appendMarkdown(`Last modified: ${readableInstant(e.LastModifiedTime)}\n\n`);
    tooltip.appendMarkdown(`ARN: \`${e.EndpointArn}\``);
    item.tooltip = tooltip;
    return item;
  }
}

export class VariantNode {
  readonly kind = 'variant';
  constructor(
    readonly origin: Origin,
    readonly endpoint: EndpointNode,
    readonly variant: VariantDetails,
  ) {}

  get id(): string {
    return `${this.endpoint.id}/variant/${this.variant.VariantName}`;
  }

  /** The variant's scalable-target ResourceId: `endpoint/<endpoint>/variant/<variant>`. */
  get resourceId(): string {
    return this.variant.resourceId;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.variant.VariantName, Collapsed);
    item.id = this.id;
    item.contextValue = 'variant';
    item.description = variantSummary(this.variant);
    item.iconPath = new vscode.ThemeIcon(this.variant.kind === 'serverless' ? 'zap' : 'vm');
    item.tooltip = linesTooltip(variantTooltip(this.variant));
    return item;
  }
}

export class InferenceComponentNode {
  readonly kind = 'inferenceComponent';
  constructor(
    readonly origin: Origin,
    readonly endpoint: EndpointNode,
    readonly component: InferenceComponentSummary,
  ) {}

  get id(): string {
    return (
      this.component.InferenceComponentArn ||
      `${this.endpoint.id}/inference-component/${this.component.InferenceComponentName}`
    );
  }

  get resourceId(): string {
    return this.component.resourceId;
  }

  treeItem(): vscode.TreeItem {
    const c = this.component;
    const item = new vscode.TreeItem(c.InferenceComponentName, Collapsed);
    item.id = this.id;
    item.contextValue = 'inferenceComponent';
    item.description = ['inference component', c.Status, c.VariantName ? `on ${c.VariantName}` : '']
      .filter(Boolean)
      .join(' · ');
    item.iconPath =
      c.Status && c.Status !== 'InService'
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon('symbol-module');
    item.tooltip = linesTooltip(
      [
        `**Inference component ${c.InferenceComponentName}**`,
        [c.Status, c.VariantName ? `on variant ${c.VariantName} of ${c.EndpointName}` : ''].filter(Boolean).join(' · '),
        `Scalable target: \`${c.resourceId}\` (copies)`,
        c.CreationTime ? `Created ${readableInstant(c.CreationTime)}` : '',
      ].filter(Boolean),
    );
    return item;
  }
}

/** A variant or an inference component: what has a scalable target and can be fetched. */
export type ResourceNode = VariantNode | InferenceComponentNode;

export class TargetNode {
  readonly kind = 'scalableTarget';
  constructor(
    readonly origin: Origin,
    readonly parent: ResourceNode,
    readonly target: LiveTarget,
  ) {}

  get id(): string {
    return `${this.parent.id}/target/${this.target.ScalableDimension}`;
  }

  get key(): TargetKey {
    const { ServiceNamespace, ResourceId, ScalableDimension } = this.target;
    return { ServiceNamespace, ResourceId, ScalableDimension };
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Scalable target', Collapsed);
    item.id = this.id;
    item.contextValue = 'scalableTarget';
    item.description = targetSummary(this.target);
    item.iconPath = new vscode.ThemeIcon('arrow-both');
    item.tooltip = linesTooltip(targetTooltip(this.target));
    return item;
  }
}

/** The groups under a target: policies, scheduled actions, recent activity. */
export class FolderNode {
  readonly kind = 'folder';
  constructor(
    readonly origin: Origin,
    readonly target: TargetNode,
    readonly folder: 'policies' | 'actions' | 'activity',
  ) {}

  get id(): string {
    return `${this.target.id}/${this.folder}`;
  }

  treeItem(): vscode.TreeItem {
    const t = this.target.target;
    const [label, icon, count] =
      this.folder === 'policies'
        ? ['Scaling policies', 'graph-line', t.ScalingPolicies.length]
        : this.folder === 'actions'
          ? ['Scheduled actions', 'calendar', t.ScheduledActions.length]
          : ['Recent scaling activity', 'pulse', undefined];
    // Policies and actions are already loaded; activity is read when opened.
    const item = new vscode.TreeItem(label, this.folder === 'activity' ? Collapsed : Expanded);
    item.id = this.id;
    if (count !== undefined) item.description = String(count);
    item.iconPath = new vscode.ThemeIcon(icon);
    return item;
  }
}

export class PolicyNode {
  readonly kind = 'policy';
  constructor(
    readonly origin: Origin,
    readonly target: TargetNode,
    readonly policy: PolicySpec,
  ) {}

  get id(): string {
    return `${this.target.id}/policy/${this.policy.PolicyName}`;
  }

  /** The alarms AWS lists for the policy (a step policy's triggers). */
  get alarmNames(): string[] {
    return this.target.target.policyFacts[this.policy.PolicyName]?.AlarmNames ?? [];
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.policy.PolicyName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const kind = policyKind(this.policy.PolicyType);
    item.contextValue = `policy.${kind}`;
    item.description = policySummary(this.policy);
    item.iconPath = new vscode.ThemeIcon(
      kind === 'stepScaling' ? 'list-ordered' : kind === 'predictive' ? 'sparkle' : 'target',
    );
    item.tooltip = linesTooltip(policyTooltip(this.policy));
    return item;
  }
}

export class ScheduledActionNode {
  readonly kind = 'scheduledAction';
  constructor(
    readonly origin: Origin,
    readonly target: TargetNode,
    readonly action: ScheduledActionSpec,
  ) {}

  get id(): string {
    return `${this.target.id}/scheduledAction/${this.action.ScheduledActionName}`;
  }

  treeItem(now = new Date()): vscode.TreeItem {
    const item = new vscode.TreeItem(this.action.ScheduledActionName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'scheduledAction';
    item.description = actionSummary(this.action, now);
    item.iconPath = new vscode.ThemeIcon('watch');
    const words = actionWords(this.action, now, 3);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**Scheduled action ${this.action.ScheduledActionName}**\n\n`);
    tooltip.appendMarkdown(
      `\`${this.action.Schedule}\`${this.action.Timezone ? ` in ${this.action.Timezone}` : ' (UTC)'}: ${words.schedule}\n\n`,
    );
    tooltip.appendMarkdown(`Sets ${words.capacity}\n\n`);
    tooltip.appendMarkdown(
      words.next.length > 0 ? `Next runs:\n\n${words.next.map((n) => `- ${n}`).join('\n')}` : 'No run left.',
    );
    item.tooltip = tooltip;
    return item;
  }
}

export class ActivityNode {
  readonly kind = 'activity';
  constructor(
    readonly origin: Origin,
    readonly folder: FolderNode,
    readonly activity: ScalingActivity,
  ) {}

  get id(): string {
    return `${this.folder.id}/${this.activity.ActivityId}`;
  }

  treeItem(): vscode.TreeItem {
    const a = this.activity;
    const item = new vscode.TreeItem(a.Description || a.StatusCode, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'activity';
    item.description = activitySummary(a);
    const failed = a.StatusCode === 'Failed' || a.StatusCode === 'Unfulfilled';
    item.iconPath = failed
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
      : new vscode.ThemeIcon(a.StatusCode === 'Successful' ? 'pass' : 'loading');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${a.StatusCode}**: ${a.Description}\n\n`);
    if (a.Cause) tooltip.appendMarkdown(`Cause: ${a.Cause}\n\n`);
    if (a.StatusMessage) tooltip.appendMarkdown(`${a.StatusMessage}\n\n`);
    tooltip.appendMarkdown(
      `Started ${readableInstant(a.StartTime)}${a.EndTime ? `, ended ${readableInstant(a.EndTime)}` : ''}`,
    );
    item.tooltip = tooltip;
    return item;
  }
}

/** A node that stands for no data: empty, failed (click to retry), unavailable. */
export class PlaceholderNode {
  readonly kind = 'placeholder';
  constructor(
    readonly parent: TreeNode | undefined,
    readonly name: string,
    readonly label: string,
    readonly options: { tooltip?: string; icon?: string; command?: vscode.Command; description?: string } = {},
  ) {}

  get id(): string {
    return `${this.parent?.id ?? 'root'}/placeholder/${this.name}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'placeholder';
    if (this.options.description) item.description = this.options.description;
    if (this.options.tooltip) item.tooltip = this.options.tooltip;
    if (this.options.icon) item.iconPath = new vscode.ThemeIcon(this.options.icon);
    if (this.options.command) item.command = this.options.command;
    return item;
  }
}

export type TreeNode =
  | EndpointNode
  | VariantNode
  | InferenceComponentNode
  | TargetNode
  | FolderNode
  | PolicyNode
  | ScheduledActionNode
  | ActivityNode
  | PlaceholderNode;
