import * as vscode from 'vscode';
import { buildModel } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';

// "Simulate" above every scalable target of a *.scaling.json file: it opens the simulation
// panel beside the file on that target. Lenses follow the text as it is typed (VS Code asks
// again after each change), so a target pasted in gets its lens at once.

export const SIMULATE_COMMAND = 'sagemakerScaling.simulate';

export class SimulateCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const model = buildModel(parseDocument(document.getText()).root);
    if (!model) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const target of model.targets) {
      const resourceId = target.resourceId?.value;
      if (typeof resourceId !== 'string' || resourceId === '') continue;
      const at = document.positionAt(target.range.start);
      lenses.push(
        new vscode.CodeLens(new vscode.Range(at, at), {
          title: '$(graph-line) Simulate',
          tooltip: `Chart what ${resourceId} does under a load: capacity, alarms, every scaling activity and the cost`,
          command: SIMULATE_COMMAND,
          arguments: [document.uri, resourceId],
        }),
      );
    }
    return lenses;
  }
}
