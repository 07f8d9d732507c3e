// What the CLI and the editor's panel both ask of a run before the engine starts: the
// options as typed (durations, numbers, a start time), the target, the load's window, and
// the messages for what is wrong, written once so the panel says exactly what the CLI says.
import type { TargetState } from '../plan/liveState';
import { parseTimestamp } from '../document/timestamp';
import { isoTime, parseDuration } from './duration';
import { loadSpan } from './load';
import { MAX_SIMULATION_DAYS } from './parameters';
import { requiredColumns } from './requirements';
import type { Load, NotSimulated, SimulationParameters } from './types';

/** The options of a run as a person types them: strings, as on the command line or in the panel's fields. */
export interface SimulationInputs {
  start?: string;
  duration?: string;
  capacity?: string;
  provisioning?: string;
  deprovisioning?: string;
  metricLag?: string;
  price?: string;
  maxPerInstance?: string;
  legacyNoZero?: boolean;
}

/** How each option is named in messages: the CLI's flags, or the panel's field labels. */
export type InputLabels = Record<Exclude<keyof SimulationInputs, 'legacyNoZero'>, string>;

export const CLI_LABELS: InputLabels = {
  start: '--start',
  duration: '--duration',
  capacity: '--capacity',
  provisioning: '--provisioning',
  deprovisioning: '--deprovisioning',
  metricLag: '--metric-lag',
  price: '--price',
  maxPerInstance: '--max-per-instance',
};

const DAY_MS = 86_400_000;

/** The options read: the engine's parameters without the window, and the window as far as given. */
export interface ReadInputs {
  parameters: Partial<SimulationParameters>;
  startMs?: number;
  durationMs?: number;
}

/**
 * Reads the typed options; `problem` names the first that does not read, with the fix. An
 * empty field is an option left out in the panel (`emptyIsUnset`), a mistake on the command line.
 */
export function readSimulationInputs(
  inputs: SimulationInputs,
  labels: InputLabels = CLI_LABELS,
  emptyIsUnset = false,
): ReadInputs | { problem: string } {
  const blank = (value: string | undefined): value is undefined =>
    value === undefined || (emptyIsUnset && value.trim() === '');
  const parameters: Partial<SimulationParameters> = { legacyNoZero: inputs.legacyNoZero === true };
  const read: ReadInputs = { parameters };
  const duration = (key: keyof InputLabels): number | string | undefined => {
    const value = inputs[key] as string | undefined;
    if (blank(value)) return undefined;
    const ms = parseDuration(value.trim());
    return ms === undefined ? `${labels[key]} takes a duration such as 90s, 5m, 6h or 2d, not "${value}"` : ms;
  };
  const number = (key: keyof InputLabels, what: string, integer = false): number | string | undefined => {
    const value = inputs[key] as string | undefined;
    if (blank(value)) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
      return `${labels[key]} takes ${what}, not "${value}"`;
    return n;
  };
  if (!blank(inputs.start)) {
    const parsed = parseTimestamp(inputs.start.trim());
    if (!parsed?.ok)
      return { problem: `${labels.start} takes an ISO-8601 time such as 2026-07-01T00:00:00Z, not "${inputs.start}"` };
    read.startMs = parsed.epochMs;
  }
  const length = duration('duration');
  if (typeof length === 'string') return { problem: length };
  if (length === 0) return { problem: `${labels.duration} must be longer than 0` };
  if (length !== undefined && length > MAX_SIMULATION_DAYS * DAY_MS)
    return {
      problem: `${labels.duration} may be at most ${MAX_SIMULATION_DAYS}d: simulate a year at a time, not "${inputs.duration}"`,
    };
  if (length !== undefined) read.durationMs = length;
  const capacity = number('capacity', 'a whole number of instances ≥ 0', true);
  if (typeof capacity === 'string') return { problem: capacity };
  if (capacity !== undefined) parameters.initialCapacity = capacity;
  const seconds: [keyof InputLabels, 'provisioningSeconds' | 'deprovisioningSeconds' | 'metricLagSeconds'][] = [
    ['provisioning', 'provisioningSeconds'],
    ['deprovisioning', 'deprovisioningSeconds'],
    ['metricLag', 'metricLagSeconds'],
  ];
  for (const [key, parameter] of seconds) {
    const ms = duration(key);
    if (typeof ms === 'string') return { problem: ms };
    if (ms !== undefined) parameters[parameter] = ms / 1000;
  }
  const price = number('price', 'a price in USD per instance-hour, such as 1.21');
  if (typeof price === 'string') return { problem: price };
  if (price !== undefined) parameters.pricePerInstanceHour = price;
  const most = number('maxPerInstance', 'a number above 0');
  if (typeof most === 'string') return { problem: most };
  if (most === 0) return { problem: `${labels.maxPerInstance} takes a number above 0, not "0"` };
  if (most !== undefined) parameters.maxPerInstance = most;
  return read;
}

/** The target to run: the one named, or the file's only one; `problem` says which there are. */
export function pickTarget(
  targets: readonly TargetState[],
  wanted: string | undefined,
  file: string,
): { target: TargetState } | { problem: string } {
  const ids = targets.map((t) => t.ResourceId);
  if (wanted !== undefined) {
    const found = targets.find((t) => t.ResourceId === wanted);
    return found
      ? { target: found }
      : { problem: `${file} has no target ${wanted}${ids.length ? `: it has ${ids.join(', ')}` : ''}` };
  }
  if (targets.length === 0) return { problem: `${file} has no scalable target to simulate` };
  if (targets.length > 1)
    return { problem: `${file} has ${targets.length} targets: name one with --target (${ids.join(', ')})` };
  return { target: targets[0]! };
}

/** The window over a load read from a file or CloudWatch: its span, or the start and duration asked for inside it. */
export function loadWindow(
  load: Load,
  startMs: number | undefined,
  durationMs: number | undefined,
  labels: Pick<InputLabels, 'start' | 'duration'> = CLI_LABELS,
): { startMs: number; durationMs: number } | { problem: string } {
  const span = loadSpan(load);
  if (!span) return { problem: 'the load has no rows' };
  const start = startMs ?? span.startMs;
  const end = start + (durationMs ?? span.endMs - start);
  if (start < span.startMs || end > span.endMs)
    return {
      problem: `the load covers ${isoTime(span.startMs)} to ${isoTime(span.endMs)}, but the simulation runs ${isoTime(start)} to ${isoTime(end)}: choose ${labels.start} and ${labels.duration} within the load`,
    };
  if (end - start > MAX_SIMULATION_DAYS * DAY_MS)
    return {
      problem: `the load covers ${isoTime(span.startMs)} to ${isoTime(span.endMs)}, more than ${MAX_SIMULATION_DAYS} days: simulate a year at a time (choose ${labels.start} and ${labels.duration})`,
    };
  return { startMs: start, durationMs: end - start };
}

/** The window of a pattern: from the start asked for (else midnight UTC today), one day unless told. */
export function patternWindow(
  now: Date,
  startMs: number | undefined,
  durationMs: number | undefined,
): { startMs: number; durationMs: number } {
  return {
    startMs: startMs ?? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
    durationMs: durationMs ?? 86_400_000,
  };
}

/** A warning for each load column no policy of the target reads. */
export function unusedColumns(target: TargetState, load: Load): string[] {
  const needed = requiredColumns(target);
  return load.columns
    .filter((c) => !needed.has(c.name))
    .map((c) => `the load's column ${c.name} is not read by any policy of ${target.ResourceId}`);
}

/** Why a policy was left out, and the column that would let it run. */
export function notSimulatedMessage(n: NotSimulated): string {
  return `policy ${n.policy} cannot be simulated: ${n.reason}${n.needs ? `; add a column ${n.needs} to the load` : ''}`;
}

/** Bigger load files are refused before they are read: 1,000,000 rows of a few columns fit well within. */
export const MAX_LOAD_BYTES = 64 * 1024 * 1024;

/** Why a load file of `bytes` is refused unread, or undefined when its size is fine. */
export function loadFileTooLarge(name: string, bytes: number): string | undefined {
  if (bytes <= MAX_LOAD_BYTES) return undefined;
  return `${name} is ${(bytes / 1024 / 1024).toFixed(0)} MB; a load file may be at most ${MAX_LOAD_BYTES / 1024 / 1024} MB (about a million rows): cut it to the days you want to simulate`;
}

/** "N errors in F: fix them first (see sagemaker-scaling lint)". */
export function fileErrorsMessage(file: string, count: number): string {
  return `${count} error${count === 1 ? '' : 's'} in ${file}: fix ${count === 1 ? 'it' : 'them'} first (see sagemaker-scaling lint)`;
}
