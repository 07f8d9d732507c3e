import { replaceValueEdits } from '../document/edits';
import type { Fix } from '../finding';
import type { CloudWatchAlarm, CustomizedMetric, Prop } from '../document/model';
import { metricFacts, type MetricFacts } from '../facts/metrics';
import { defineRule, type Rule, type RuleContext } from '../lint/rule';
import { isStepPolicy } from '../language/stepIntervals';
import { trackingOf } from './targetTracking';
import { orList } from './words';

// The statistic a policy or an alarm reads of a metric. SageMaker documents the valid
// statistics of each metric (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html);
// another one gives a number that does not mean what the threshold or target assumes:
// InvocationsPerInstance is sent as 1/instances on each request, so its Average is 1/n
// whatever the load, and only its Sum counts the invocations per instance.

function check(
  ctx: RuleContext,
  statistic: Prop<string> | undefined,
  namespace: string | undefined,
  name: string | undefined,
  what: string,
): void {
  if (!statistic) return;
  const facts: MetricFacts | undefined = metricFacts(namespace, name);
  const valid = facts?.statistics;
  if (!facts || !valid || (valid as readonly string[]).includes(statistic.value)) return;
  const fixes: Fix[] =
    valid.length === 1 ? [{ title: `Use ${valid[0]}`, edits: replaceValueEdits(statistic, valid[0]) }] : [];
  const why =
    facts.name === 'InvocationsPerInstance' || facts.name === 'InvocationsPerCopy'
      ? ` SageMaker sends ${facts.name} as 1 ÷ the ${facts.name === 'InvocationsPerCopy' ? 'copies' : 'instances'} on each request, so only its Sum counts the invocations; its ${statistic.value} follows the capacity, not the load.`
      : '';
  ctx.report({
    range: statistic.range,
    message: `SageMaker documents ${orList(valid)} as the valid ${valid.length === 1 ? 'statistic' : 'statistics'} of ${facts.name}, and ${what} reads its ${statistic.value}, which does not measure what a threshold or target on it assumes.${why} Use ${orList(valid)}.`,
    fixes,
  });
}

/** Checks the single metric of a customized metric or an alarm, and each metric of its metric math. */
function checkMetricAndQueries(ctx: RuleContext, source: CustomizedMetric | CloudWatchAlarm, what: string): void {
  check(ctx, source.statistic, source.namespace?.value, source.metricName?.value, what);
  for (const q of source.metrics?.items ?? [])
    check(
      ctx,
      q.metricStat?.stat,
      q.metricStat?.metric?.namespace?.value,
      q.metricStat?.metric?.metricName?.value,
      what,
    );
}

const statistic = defineRule(
  {
    code: 'metric.statistic',
    severity: 'warning',
    title: 'The statistic is one SageMaker documents for the metric',
    description:
      'Each SageMaker metric has the statistics that make sense of it (its "valid statistics", https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html, https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html). `InvocationsPerInstance` is sent as 1 ÷ the number of instances on each request, so its `Sum` counts invocations per instance and its `Average` is 1 ÷ instances whatever the load: an alarm on the Average of it at 100 never fires. The backlog metrics are gauges (Average, Maximum, Minimum), whose Sum adds up samples. Checked on alarms (`Statistic`), customized target-tracking metrics and metric-math inputs (`Stat`), for the metrics the catalogue knows; the quick fix writes the one valid statistic where there is one.',
  },
  {
    policy(policy, _target, ctx) {
      const customized = trackingOf(policy)?.customized;
      if (customized) checkMetricAndQueries(ctx, customized, 'this policy');
      if (!isStepPolicy(policy)) return;
      for (const alarm of policy.alarms) checkMetricAndQueries(ctx, alarm, 'the alarm');
    },
  },
);

export const statisticRules: Rule[] = [statistic];
