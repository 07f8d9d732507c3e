// The simulator's public face: what the CLI and the editor's panel call.
//
//   const desired = desiredFromText(text);                 // core/plan/desired
//   const parsed = parseLoad(csvOrJson);                   // or patternLoad(parsePattern(spec).columns!, start, duration)
//   const result = simulate(desired.targets[0], parsed.load!, { startMs, durationMs, provisioningSeconds: 240 });
//   result.series (per minute, typed arrays), result.events, result.summary, result.notSimulated
export { simulate } from './engine';
export { simulationParameters, checkedParameters, MAX_SIMULATION_DAYS } from './parameters';
export {
  parseLoad,
  parseLoadCsv,
  parseLoadJson,
  parseMetricData,
  loadSpan,
  MAX_LOAD_ROWS,
  type LoadParse,
} from './load';
export { parsePattern, patternLoad, PATTERN_HELP, type PatternParse } from './patterns';
export { parseDuration, formatDuration, isoTime } from './duration';
export { evaluateAlarm, breaches, type AlarmRule } from './alarm';
export { findStep, percentChange, adjustedCapacity, type StepAdjustment, type AdjustmentType } from './step';
export { scheduledRuns, type ScheduledRun } from './scheduled';
export { requiredColumns } from './requirements';
export * from './options';
export * from './replay';
export * from './chart';
export * from './panelMessages';
export * from './panelRun';
export * from './types';
