import * as vscode from 'vscode';
import type { AwsSession } from '../aws';
import { registerCommand, type CommandHost } from '../commands';
import type { PanelControls } from '../../core/simulate';
import { SIMULATE_COMMAND, SimulateCodeLensProvider } from './codeLens';
import { SimulationPanel } from './panel';

// The simulator in the editor: the Simulate command (palette, CodeLens) and its panel.
// One call from activate(); everything it creates is disposed with the extension.

const SCALING_FILES: vscode.DocumentSelector = [{ language: 'jsonc', pattern: '**/*.scaling.json' }];

/** The *.scaling.json a command applies to: the URI it was given, else the active editor's. */
function scalingFile(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  return editor && /\.scaling\.json$/.test(editor.document.uri.path) ? editor.document.uri : undefined;
}

/** Registers the Simulate command, the CodeLens and (under SAGEMAKER_SCALING_E2E=1) the panel's test hooks. */
export function registerSimulation(host: CommandHost, session: AwsSession): void {
  const deps = { extensionUri: host.context.extensionUri, log: host.log, session };
  host.context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(SCALING_FILES, new SimulateCodeLensProvider()),
    { dispose: () => SimulationPanel.disposeAll() },
  );
  registerCommand(host, SIMULATE_COMMAND, 'Simulate', async (arg: unknown, target: unknown) => {
    const uri = scalingFile(arg);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a *.scaling.json file to simulate one of its targets.');
      return undefined;
    }
    SimulationPanel.show(deps, uri, typeof target === 'string' ? target : undefined);
    return undefined;
  });

  if (process.env.SAGEMAKER_SCALING_E2E !== '1') return;
  registerCommand(host, 'sagemakerScaling.test.simulation', 'Get simulation', () =>
    SimulationPanel.latest()?.snapshot(),
  );
  registerCommand(host, 'sagemakerScaling.test.setSimulationControls', 'Set simulation controls', (controls: unknown) =>
    SimulationPanel.latest()?.setControls(controls as PanelControls),
  );
}
