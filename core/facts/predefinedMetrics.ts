// Facts about Application Auto Scaling's predefined target-tracking metrics: which scalable
// dimension each one can drive. Shared by the rules and by completion.

import { SAGEMAKER_METRICS_BY_DIMENSION } from './sagemaker';

/** Every PredefinedMetricType (the SDK's MetricType enum, which a unit test compares). */
export const PREDEFINED_METRIC_TYPES: readonly string[] = [
  'ALBRequestCountPerTarget',
  'AppStreamAverageCapacityUtilization',
  'CassandraReadCapacityUtilization',
  'CassandraWriteCapacityUtilization',
  'ComprehendInferenceUtilization',
  'DynamoDBReadCapacityUtilization',
  'DynamoDBWriteCapacityUtilization',
  'EC2SpotFleetRequestAverageCPUUtilization',
  'EC2SpotFleetRequestAverageNetworkIn',
  'EC2SpotFleetRequestAverageNetworkOut',
  'ECSServiceAverageCPUUtilization',
  'ECSServiceAverageCPUUtilizationHighResolution',
  'ECSServiceAverageMemoryUtilization',
  'ECSServiceAverageMemoryUtilizationHighResolution',
  'ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage',
  'ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage',
  'ElastiCacheDatabaseMemoryUsagePercentage',
  'ElastiCacheEngineCPUUtilization',
  'ElastiCachePrimaryEngineCPUUtilization',
  'ElastiCacheReplicaEngineCPUUtilization',
  'KafkaBrokerStorageUtilization',
  'LambdaProvisionedConcurrencyUtilization',
  'NeptuneReaderAverageCPUUtilization',
  'RDSReaderAverageCPUUtilization',
  'RDSReaderAverageDatabaseConnections',
  'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
  'SageMakerInferenceComponentInvocationsPerCopy',
  'SageMakerVariantConcurrentRequestsPerModelHighResolution',
  'SageMakerVariantInvocationsPerInstance',
  'SageMakerVariantProvisionedConcurrencyUtilization',
  'WorkSpacesAverageUserSessionsCapacityUtilization',
];

/** Every ScalableDimension (the SDK's enum, which a unit test compares). */
export const SCALABLE_DIMENSIONS: readonly string[] = [
  'appstream:fleet:DesiredCapacity',
  'cassandra:table:ReadCapacityUnits',
  'cassandra:table:WriteCapacityUnits',
  'comprehend:document-classifier-endpoint:DesiredInferenceUnits',
  'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits',
  'custom-resource:ResourceType:Property',
  'dynamodb:index:ReadCapacityUnits',
  'dynamodb:index:WriteCapacityUnits',
  'dynamodb:table:ReadCapacityUnits',
  'dynamodb:table:WriteCapacityUnits',
  'ec2:spot-fleet-request:TargetCapacity',
  'ecs:service:DesiredCount',
  'elasticache:cache-cluster:Nodes',
  'elasticache:replication-group:NodeGroups',
  'elasticache:replication-group:Replicas',
  'elasticmapreduce:instancegroup:InstanceCount',
  'kafka:broker-storage:VolumeSize',
  'lambda:function:ProvisionedConcurrency',
  'neptune:cluster:ReadReplicaCount',
  'rds:cluster:ReadReplicaCount',
  'sagemaker:inference-component:DesiredCopyCount',
  'sagemaker:variant:DesiredInstanceCount',
  'sagemaker:variant:DesiredProvisionedConcurrency',
  'workspaces:workspacespool:DesiredUserSessions',
];

const KNOWN_METRICS = new Set(PREDEFINED_METRIC_TYPES);
const KNOWN_DIMENSIONS = new Set(SCALABLE_DIMENSIONS);

// A predefined metric's name starts with the service it measures; the service is the
// namespace whose dimensions it can drive.
const NAMESPACE_BY_METRIC_PREFIX: readonly (readonly [string, string])[] = [
  ['AppStream', 'appstream'],
  ['Cassandra', 'cassandra'],
  ['Comprehend', 'comprehend'],
  ['DynamoDB', 'dynamodb'],
  ['EC2SpotFleetRequest', 'ec2'],
  ['ECSService', 'ecs'],
  ['ElastiCache', 'elasticache'],
  ['Kafka', 'kafka'],
  ['Lambda', 'lambda'],
  ['Neptune', 'neptune'],
  ['RDSReader', 'rds'],
  ['SageMaker', 'sagemaker'],
  ['WorkSpaces', 'workspaces'],
];

// The API documents ALBRequestCountPerTarget for Spot Fleets and ECS services only.
const ALB_DIMENSIONS = new Set(['ec2:spot-fleet-request:TargetCapacity', 'ecs:service:DesiredCount']);

/** The namespace whose resources a predefined metric measures, or undefined for an unknown metric. */
export function namespaceOfMetric(metric: string): string | undefined {
  if (!KNOWN_METRICS.has(metric)) return undefined;
  for (const [prefix, namespace] of NAMESPACE_BY_METRIC_PREFIX) if (metric.startsWith(prefix)) return namespace;
  return undefined; // ALBRequestCountPerTarget belongs to two namespaces
}

/**
 * Whether a predefined metric can drive a scalable dimension; undefined when either is not
 * one of the API's values (the schema reports those).
 */
export function metricFitsDimension(metric: string, dimension: string): boolean | undefined {
  if (!KNOWN_METRICS.has(metric) || !KNOWN_DIMENSIONS.has(dimension)) return undefined;
  if (metric === 'ALBRequestCountPerTarget') return ALB_DIMENSIONS.has(dimension);
  const sageMaker = SAGEMAKER_METRICS_BY_DIMENSION[dimension];
  if (sageMaker || metric.startsWith('SageMaker')) return sageMaker?.includes(metric) ?? false;
  if (namespaceOfMetric(metric) !== dimension.slice(0, dimension.indexOf(':'))) return false;
  // DynamoDB and Keyspaces scale read and write capacity separately, each on its own metric.
  if (metric.includes('ReadCapacity')) return dimension.endsWith(':ReadCapacityUnits');
  if (metric.includes('WriteCapacity')) return dimension.endsWith(':WriteCapacityUnits');
  return true;
}

/** The predefined metrics that can drive a scalable dimension (none for custom resources or EMR). */
export function predefinedMetricsFor(dimension: string): string[] {
  return PREDEFINED_METRIC_TYPES.filter((metric) => metricFitsDimension(metric, dimension) === true);
}
