import {
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { motoAvailable, seedEndpoint, startMoto, testClients, type Moto } from './moto';
import { variantKey } from './scalingFiles';

// The moto_server of the end-to-end run (scripts/e2e/run.mjs starts it before VS Code and
// stops it after): three InService endpoints, the first with a scalable target, a
// target-tracking policy and a scheduled action, the second bare, for apply to fill, the
// third with a step policy on model latency and its CloudWatch alarm.
// test/e2e/aws.e2e.ts and awsReview.e2e.ts know these names.

export const E2E_REGION = 'us-east-1';
export const E2E_ENDPOINTS = { scaled: 'e2e-alpha', bare: 'e2e-beta', stepped: 'e2e-gamma' } as const;

/** Starts moto_server and seeds it; undefined when moto_server is not installed. */
export async function startSeededMoto(): Promise<Moto | undefined> {
  if (!motoAvailable()) return undefined;
  const moto = await startMoto();
  const clients = await testClients(moto.endpoint, E2E_REGION);
  try {
    await seedEndpoint(clients, E2E_ENDPOINTS.scaled);
    await seedEndpoint(clients, E2E_ENDPOINTS.bare);
    const key = variantKey(E2E_ENDPOINTS.scaled);
    await clients.autoScaling.send(new RegisterScalableTargetCommand({ ...key, MinCapacity: 1, MaxCapacity: 4 }));
    await clients.autoScaling.send(
      new PutScalingPolicyCommand({
        ...key,
        PolicyName: 'alpha-invocations',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
          ScaleInCooldown: 300,
          ScaleOutCooldown: 60,
        },
      }),
    );
    await clients.autoScaling.send(
      new PutScheduledActionCommand({
        ...key,
        ScheduledActionName: 'alpha-evening',
        Schedule: 'cron(0 20 * * ? *)',
        Timezone: 'Europe/Berlin',
        ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 },
      }),
    );
    await seedEndpoint(clients, E2E_ENDPOINTS.stepped);
    const stepped = variantKey(E2E_ENDPOINTS.stepped);
    await clients.autoScaling.send(new RegisterScalableTargetCommand({ ...stepped, MinCapacity: 2, MaxCapacity: 10 }));
    const { PolicyARN } = await clients.autoScaling.send(
      new PutScalingPolicyCommand({
        ...stepped,
        PolicyName: 'gamma-latency',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'PercentChangeInCapacity',
          MinAdjustmentMagnitude: 1,
          Cooldown: 120,
          MetricAggregationType: 'Maximum',
          StepAdjustments: [
            { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 100000, ScalingAdjustment: 25 },
            { MetricIntervalLowerBound: 100000, ScalingAdjustment: 50 },
          ],
        },
      }),
    );
    await clients.cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'e2e-gamma-latency-high',
        Namespace: 'AWS/SageMaker',
        MetricName: 'ModelLatency',
        Dimensions: [
          { Name: 'EndpointName', Value: E2E_ENDPOINTS.stepped },
          { Name: 'VariantName', Value: 'AllTraffic' },
        ],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 2,
        Threshold: 200000,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: PolicyARN ? [PolicyARN] : [],
      }),
    );
  } catch (error) {
    await moto.stop();
    throw error;
  } finally {
    clients.destroy();
  }
  return moto;
}
