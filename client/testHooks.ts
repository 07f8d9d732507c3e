import * as vscode from 'vscode';
import { registerCommand, type CommandHost } from './commands';
import { askedPrompts, releaseHeldAnswer, setTestAnswers } from './prompts';
import type { EndpointsTreeProvider } from './tree/provider';
import type { TreeNode } from './tree/nodes';

// Commands for the end-to-end tests only, registered when the extension host runs with
// SAGEMAKER_SCALING_E2E=1 (scripts/e2e/run.mjs sets it) and never contributed in
// package.json, so no palette shows them: answers for the modal questions, and the tree's
// children as the view gets them.

/** A node's item as the view shows it, with the node itself (for commands that take one). */
export interface TreeChild {
  id: string;
  label: string;
  description: string;
  contextValue: string;
  tooltip: string;
  icon: string;
  node: TreeNode;
}

/** Registers the test hooks when SAGEMAKER_SCALING_E2E is 1; otherwise does nothing. */
export function registerTestHooks(host: CommandHost, tree: EndpointsTreeProvider): void {
  if (process.env.SAGEMAKER_SCALING_E2E !== '1') return;
  host.log.info('test hooks registered (SAGEMAKER_SCALING_E2E=1)');
  registerCommand(host, 'sagemakerScaling.test.setAnswers', 'Set test answers', (answers: unknown) => {
    setTestAnswers(Array.isArray(answers) ? answers.map((a) => (typeof a === 'string' ? a : null)) : undefined);
  });
  registerCommand(host, 'sagemakerScaling.test.prompts', 'Get test prompts', () => askedPrompts());
  registerCommand(host, 'sagemakerScaling.test.treeChildren', 'Get tree children', async (parent: unknown) => {
    const node = typeof parent === 'string' ? tree.getNode(parent) : (parent as TreeNode | undefined);
    if (typeof parent === 'string' && !node) throw new Error(`no tree node with id ${parent}`);
    const children = await tree.getChildren(node);
    return children.map((child): TreeChild => {
      const item = tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return {
        id: child.id,
        label,
        description: typeof item.description === 'string' ? item.description : '',
        contextValue: item.contextValue ?? '',
        tooltip: typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''),
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
        node: child,
      };
    });
  });
  registerCommand(host, 'sagemakerScaling.test.refreshTree', 'Refresh tree', () => tree.refresh());
  registerCommand(host, 'sagemakerScaling.test.releaseAnswer', 'Release the held answer', () => releaseHeldAnswer());
  // Resolves once this refresh's drift read is in: the marks the view shows from then on.
  registerCommand(host, 'sagemakerScaling.test.driftReady', 'Wait for the drift marks', async () => {
    await tree.getChildren();
    return (await tree.driftReady()) !== undefined;
  });
}
