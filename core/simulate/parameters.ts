// The run's parameters: the defaults of what the caller leaves out, and a check of what it
// gives. The editor's panel passes what its user types and re-simulates on every change, so a
// value that is not a number, or not one the parameter can mean, must not reach the engine:
// a NaN delay leaves an activity Updating for ever, a NaN capacity makes every series NaN, a
// negative evaluation range has no datapoints. Such a value falls back to its default (or,
// for an optional one, is left out) and the run says so in a note.
import { DEFAULT_PARAMETERS, MINUTE_MS, type SimulationParameters } from './types';

/** The longest window a run simulates: a year (a 10-second pass over it takes a few seconds). */
export const MAX_SIMULATION_DAYS = 366;

/** Fills in the defaults of every parameter the caller left out. */
export function simulationParameters(
  given: Partial<SimulationParameters> & Pick<SimulationParameters, 'startMs' | 'durationMs'>,
): SimulationParameters {
  const parameters = { ...DEFAULT_PARAMETERS, ...given } as SimulationParameters;
  for (const key of Object.keys(parameters) as (keyof SimulationParameters)[])
    if (parameters[key] === undefined) delete parameters[key];
  return parameters;
}

type NumericKey = {
  [K in keyof SimulationParameters]-?: SimulationParameters[K] extends number | undefined ? K : never;
}[keyof SimulationParameters];

interface Range {
  /** Smallest allowed value. */
  min: number;
  /** Whether `min` itself is allowed. */
  minIncluded?: boolean;
  max?: number;
  integer?: boolean;
  /** What the value must be, for the note. */
  what: string;
}

const SECONDS: Range = { min: 0, minIncluded: true, what: 'a number of seconds ≥ 0' };

/** The parameters with a default, and what each may be. */
const WITH_DEFAULT: Partial<Record<NumericKey, Range>> = {
  provisioningSeconds: SECONDS,
  deprovisioningSeconds: SECONDS,
  metricLagSeconds: SECONDS,
  highResolutionMetricLagSeconds: SECONDS,
  defaultCooldownSeconds: SECONDS,
  scheduleDelaySeconds: SECONDS,
  scheduleRetrySeconds: SECONDS,
  highResolutionReinvokeSeconds: SECONDS,
  scheduleLookbackDays: { min: 0, minIncluded: true, what: 'a number of days ≥ 0' },
  evaluationRangeExtra: { min: 0, minIncluded: true, integer: true, what: 'a whole number ≥ 0' },
  highResolutionHighPeriods: { min: 1, minIncluded: true, integer: true, what: 'a whole number ≥ 1' },
  highResolutionLowPeriods: { min: 1, minIncluded: true, integer: true, what: 'a whole number ≥ 1' },
  lowAlarmRatio: { min: 0, max: 1, what: 'a share of the target above 0 and at most 1' },
};

/** The optional parameters, left out when they mean nothing. */
const OPTIONAL: Partial<Record<NumericKey, Range>> = {
  initialCapacity: { min: 0, minIncluded: true, integer: true, what: 'a whole number of instances ≥ 0' },
  pricePerInstanceHour: { min: 0, minIncluded: true, what: 'a price ≥ 0' },
  maxPerInstance: { min: 0, what: 'a number above 0' },
  targetTrackingScaleInMaxStep: { min: 1, minIncluded: true, integer: true, what: 'a whole number ≥ 1' },
};

const CHOICES = {
  highResolutionStatistic: ['Average', 'Maximum'],
  targetTrackingMetricPick: ['latest', 'mean', 'max'],
  billFrom: ['inService', 'requested'],
} as const;

function fits(value: unknown, range: Range): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (range.integer && !Number.isInteger(value)) return false;
  if (range.minIncluded ? value < range.min : value <= range.min) return false;
  return range.max === undefined || value <= range.max;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The parameters with their defaults, every given value checked: one that cannot mean
 * anything is replaced (by its default, or left out) and named in `notes`.
 */
export function checkedParameters(
  given: Partial<SimulationParameters> & Pick<SimulationParameters, 'startMs' | 'durationMs'>,
): { parameters: SimulationParameters; notes: string[] } {
  const parameters = simulationParameters(given);
  const notes: string[] = [];
  const mutable = parameters as unknown as Record<string, unknown>;
  for (const [key, range] of Object.entries(WITH_DEFAULT) as [NumericKey, Range][]) {
    const value = mutable[key];
    if (fits(value, range)) continue;
    const fallback = (DEFAULT_PARAMETERS as unknown as Record<string, number>)[key]!;
    notes.push(`Parameter ${key} is ${shown(value)}, not ${range.what}: the default ${fallback} is used.`);
    mutable[key] = fallback;
  }
  for (const [key, range] of Object.entries(OPTIONAL) as [NumericKey, Range][]) {
    const value = mutable[key];
    if (value === undefined || fits(value, range)) continue;
    notes.push(
      `Parameter ${key} is ${shown(value)}, not ${range.what}: left out${key === 'initialCapacity' ? ' (the run starts at the MinCapacity in force)' : ''}.`,
    );
    delete mutable[key];
  }
  for (const [key, choices] of Object.entries(CHOICES)) {
    const value = mutable[key];
    if ((choices as readonly unknown[]).includes(value)) continue;
    const fallback = (DEFAULT_PARAMETERS as unknown as Record<string, string>)[key]!;
    notes.push(`Parameter ${key} is ${shown(value)}, not ${choices.join(', ')}: the default ${fallback} is used.`);
    mutable[key] = fallback;
  }
  if (typeof parameters.legacyNoZero !== 'boolean') parameters.legacyNoZero = parameters.legacyNoZero === true;
  if (!Number.isFinite(parameters.startMs)) {
    notes.push(`Parameter startMs is ${shown(parameters.startMs)}, not a time: the run starts at the epoch.`);
    parameters.startMs = 0;
  }
  const maxMs = MAX_SIMULATION_DAYS * 1440 * MINUTE_MS;
  if (typeof parameters.durationMs !== 'number' || Number.isNaN(parameters.durationMs) || parameters.durationMs < 0) {
    notes.push(`Parameter durationMs is ${shown(parameters.durationMs)}, not a length of time: the run is one minute.`);
    parameters.durationMs = MINUTE_MS;
  } else if (parameters.durationMs > maxMs) {
    notes.push(
      `Parameter durationMs asks for ${Math.round(parameters.durationMs / 86_400_000)} days: the run is cut to ${MAX_SIMULATION_DAYS} (simulate a year at a time).`,
    );
    parameters.durationMs = maxMs;
  }
  return { parameters, notes };
}
