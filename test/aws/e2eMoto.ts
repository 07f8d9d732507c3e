import {
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { motoAvailable, seedEndpoint, startMoto, testClients, type Moto } from './moto';
import { INSTANCES, variantId } from './scalingFiles';

// The moto_server of the end-to-end run (scripts/e2e/run.mjs starts it before VS Code and
// stops it after): two InService endpoints, the first with a scalable target, a
// target-tracking policy and a scheduled action, the second bare, for apply to fill.
// test/e2e/aws.e2e.ts knows these names.

export const E2E_REGION = 'us-east-1';
export const E2E_ENDPOINTS = { scaled: 'e2e-alpha', bare: 'e2e-beta' } as const;

/** Starts moto_server and seeds it; undefined when moto_server is not installed. */
export async function startSeededMoto(): Promise<Moto | undefined> {
  if (!motoAvailable()) return undefined;
  const moto = await startMoto();
  const clients = await testClients(moto.endpoint, E2E_REGION);
  try {
    await seedEndpoint(clients, E2E_ENDPOINTS.scaled);
    await seedEndpoint(clients, E2E_ENDPOINTS.bare);
    const key = {
      ServiceNamespace: 'sagemaker' as const,
      ResourceId: variantId(E2E_ENDPOINTS.scaled),
      ScalableDimension: INSTANCES as 'sagemaker:variant:DesiredInstanceCount',
    };
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
  } catch (error) {
    await moto.stop();
    throw error;
  } finally {
    clients.destroy();
  }
  return moto;
}
