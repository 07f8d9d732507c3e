import { desiredFromText } from '../plan/desired';
import type { TargetState } from '../plan/liveState';
import { chartData, type ChartData } from './chart';
import {
  loadWindow,
  patternWindow,
  pickTarget,
  readSimulationInputs,
  unusedColumns,
  type InputLabels,
} from './options';
import { simulate } from './engine';
import type { PanelControls } from './panelMessages';
import { parsePattern, patternLoad } from './patterns';
import type { Load, SimulationParameters } from './types';

// One run of the editor's panel, from the file's text, the controls and a load already
// read: the same checks and messages as `sagemaker-scaling simulate` (options.ts), named by
// the panel's field labels instead of the flags. No editor and no I/O here: the panel
// (client/simulate/panel.ts) reads files and CloudWatch and lints the file first.

/** The panel's fields, as messages name them. */
export const PANEL_LABELS: InputLabels = {
  start: 'Start',
  duration: 'Duration',
  capacity: 'Initial capacity',
  provisioning: 'Provisioning delay',
  deprovisioning: 'Deprovisioning delay',
  metricLag: 'Metric lag',
  price: 'Price per instance-hour',
  maxPerInstance: 'Most one instance serves',
};

/** A load read from a file or CloudWatch, with what the reader said. */
export interface PreparedLoad {
  load?: Load;
  problems: string[];
  warnings: string[];
  /** What it is, in words: "load.csv", "CloudWatch, last 7 days (us-east-1)". */
  description: string;
}

export type PanelRun =
  { ok: true; data: ChartData; warnings: string[]; load: string } | { ok: false; title: string; problems: string[] };

/** The targets of a file's text, by ResourceId, in file order. */
export function fileTargets(text: string): TargetState[] {
  return desiredFromText(text)?.targets ?? [];
}

/** A first pattern that shows the policy at work: a day around the target's own scale. */
export function defaultPattern(target: TargetState | undefined): string {
  const tt = target?.ScalingPolicies.find((p) => p.TargetTrackingScalingPolicyConfiguration)
    ?.TargetTrackingScalingPolicyConfiguration as
    { TargetValue?: number; PredefinedMetricSpecification?: { PredefinedMetricType?: string } } | undefined;
  const value = typeof tt?.TargetValue === 'number' && tt.TargetValue > 0 ? tt.TargetValue : 100;
  const min = Math.max(1, target?.MinCapacity ?? 1);
  const max = Math.max(min + 1, target?.MaxCapacity ?? min + 4);
  const peakInstances = Math.max(min + 1, Math.ceil(max * 0.6));
  const round = (x: number) => Math.max(1, Math.round(x));
  if (/ConcurrentRequests/.test(tt?.PredefinedMetricSpecification?.PredefinedMetricType ?? ''))
    return `concurrency: daily(${round(value * min * 0.5)}, ${round(value * peakInstances)}, at=14:00)`;
  return `daily(${round(value * min * 0.5)}, ${round(value * peakInstances)}, at=14:00) + spike(${round(value * 2)}, at=9h, for=20m)`;
}

/** Runs the engine for the panel; `ok: false` carries the CLI's message for what stopped it. */
export function runForPanel(
  target: TargetState,
  controls: PanelControls,
  prepared: PreparedLoad | undefined,
  now: Date,
): PanelRun {
  const inputs = readSimulationInputs(controls.inputs, PANEL_LABELS, true);
  if ('problem' in inputs) return { ok: false, title: 'An option does not read', problems: [inputs.problem] };
  const warnings: string[] = [];
  let load: Load;
  let window: { startMs: number; durationMs: number } | { problem: string };
  let description: string;
  if (controls.source === 'pattern') {
    const pattern = parsePattern(controls.pattern);
    if (!pattern.columns) return { ok: false, title: 'The pattern does not read', problems: [pattern.problem!] };
    window = patternWindow(now, inputs.startMs, inputs.durationMs);
    load = patternLoad(pattern.columns, window.startMs, window.durationMs);
    description = `pattern ${controls.pattern.trim()}`;
  } else {
    if (!prepared)
      return {
        ok: false,
        title: controls.source === 'file' ? 'Choose a load file' : 'The CloudWatch history is not read yet',
        problems: [],
      };
    if (!prepared.load)
      return {
        ok: false,
        title: `${prepared.description} cannot be read as a load`,
        problems: prepared.problems,
      };
    load = prepared.load;
    warnings.push(...prepared.warnings);
    window = loadWindow(load, inputs.startMs, inputs.durationMs, PANEL_LABELS);
    if ('problem' in window) return { ok: false, title: 'The window is outside the load', problems: [window.problem] };
    description = prepared.description;
  }
  warnings.push(...unusedColumns(target, load));
  const parameters = { ...inputs.parameters, ...window } as SimulationParameters;
  const result = simulate(target, load, parameters);
  return { ok: true, data: chartData(result), warnings, load: description };
}

/** The target a panel shows: the one asked for, else the first; a problem when the file lacks it. */
export function panelTarget(
  targets: readonly TargetState[],
  wanted: string | undefined,
  file: string,
): { target: TargetState } | { problem: string } {
  if (wanted === undefined && targets.length > 0) return { target: targets[0]! };
  return pickTarget(targets, wanted, file);
}
