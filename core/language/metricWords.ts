import { formatNumber } from './stepIntervals';

// The units of the SageMaker metrics that scaling policies and their alarms watch, so that
// thresholds and step intervals read in the metric's own terms (200 ms, not 200000).
// Source: "Monitor Amazon SageMaker AI with Amazon CloudWatch", the Units of each metric,
// https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html — latencies
// in microseconds; CPU, memory, GPU, GPU memory and disk utilization in percent (CPU and
// GPU summed over cores and GPUs, so above 100 % is possible); invocations, concurrent
// requests and backlog sizes are counts without a unit.

type Unit = 'microseconds' | 'percent';

const UNITS: Readonly<Record<string, Unit>> = {
  ModelLatency: 'microseconds',
  OverheadLatency: 'microseconds',
  ModelSetupTime: 'microseconds',
  CPUUtilization: 'percent',
  MemoryUtilization: 'percent',
  GPUUtilization: 'percent',
  GPUMemoryUtilization: 'percent',
  DiskUtilization: 'percent',
  CPUUtilizationNormalized: 'percent',
  GPUUtilizationNormalized: 'percent',
  MemoryUtilizationNormalized: 'percent',
  GPUMemoryUtilizationNormalized: 'percent',
};

/** How a value of the metric reads for people: `200 ms` for ModelLatency 200000, `70 %` for CPUUtilization 70, else the number. */
export function metricValueText(metricName: string | undefined, value: number): string {
  const unit = metricName === undefined ? undefined : UNITS[metricName];
  if (unit === 'microseconds') return `${formatNumber(value / 1000)} ms`;
  if (unit === 'percent') return `${formatNumber(value)} %`;
  return formatNumber(value);
}

/**
 * A short name for a predefined metric type, for narrow places such as the tree:
 * `SageMakerVariantInvocationsPerInstance` → `InvocationsPerInstance`; the full name goes
 * where there is room (a tooltip).
 */
export function shortMetricName(name: string): string {
  const short = name.replace(/^SageMaker(Variant|InferenceComponent)/, '').replace(/HighResolution$/, '');
  return short || name;
}
