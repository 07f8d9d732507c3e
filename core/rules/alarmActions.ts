import { removeElementEdits } from '../document/edits';
import {
  singleAlarm,
  type CloudWatchAlarm,
  type Prop,
  type ScalableTarget,
  type ScalingPolicy,
  type StringList,
} from '../document/model';
import { defineRule, type Rule } from '../lint/rule';
import { triggerStates, type TriggerState } from '../language/stepIntervals';
import { insideString, policyLabel } from './locate';

// How a step policy's alarms are written and what they run: CloudWatchAlarm or
// CloudWatchAlarms, unique alarm names, and the ARNs of AlarmActions, OKActions and
// InsufficientDataActions beside the policy's own, which apply adds to the lists of the
// states TriggerPolicyOn names (ALARM when it names none).

/** The action lists of an alarm, with the state that runs each. */
function actionLists(alarm: CloudWatchAlarm): [state: TriggerState, key: string, list: StringList | undefined][] {
  return [
    ['ALARM', 'AlarmActions', alarm.alarmActions],
    ['OK', 'OKActions', alarm.okActions],
    ['INSUFFICIENT_DATA', 'InsufficientDataActions', alarm.insufficientDataActions],
  ];
}

/**
 * The tail every ARN of this policy ends with, whatever its id: AWS writes a scaling
 * policy's ARN as `arn:aws:autoscaling:<region>:<account>:scalingPolicy:<id>:resource/<namespace>/<resource id>:policyName/<name>`.
 */
function ownArnTail(policy: ScalingPolicy, target: ScalableTarget): string | undefined {
  const namespace = target.serviceNamespace?.value;
  const resourceId = target.resourceId?.value;
  const name = policy.policyName?.value;
  return namespace && resourceId && name ? `:resource/${namespace}/${resourceId}:policyName/${name}` : undefined;
}

const oneForm = defineRule(
  {
    code: 'alarm.one-form',
    severity: 'error',
    title: 'A policy has CloudWatchAlarm or CloudWatchAlarms, not both',
    description:
      'One alarm goes in `CloudWatchAlarm`; a policy that several alarms trigger lists them all in `CloudWatchAlarms`. With both, which alarms the policy has is ambiguous, so apply refuses the file.',
  },
  {
    policy(policy, _target, ctx) {
      const list = policy.alarmList;
      const single = singleAlarm(policy);
      if (!list?.keyRange || !single?.keyRange) return;
      ctx.report({
        range: list.keyRange,
        message: `This policy has both CloudWatchAlarm and CloudWatchAlarms. Move the CloudWatchAlarm object into the CloudWatchAlarms list, or keep one alarm in CloudWatchAlarm and remove CloudWatchAlarms.`,
        related: [{ ...single.keyRange, message: 'CloudWatchAlarm is here' }],
      });
    },
  },
);

const nameUnique = defineRule(
  {
    code: 'alarm.name-unique',
    severity: 'error',
    title: 'Alarm names are unique in the file',
    description:
      'A CloudWatch alarm is known by its name in the account and Region: PutMetricAlarm with a name that exists replaces that alarm. Two alarms of one name in the file, in one policy or in two, leave only the last one put, and the plan never settles.',
  },
  {
    file(file, ctx) {
      let first: Map<string, Prop<string>> | undefined;
      for (const target of file.targets) {
        for (const policy of target.policies) {
          for (const alarm of policy.alarms) {
            const name = alarm.alarmName;
            if (!name) continue;
            first ??= new Map();
            const earlier = first.get(name.value);
            if (!earlier) {
              first.set(name.value, name);
              continue;
            }
            ctx.report({
              range: name.range,
              message: `Another alarm in this file is already named "${name.value}": apply would put one over the other, and only the last would remain. Rename one of them.`,
              related: [{ ...earlier.range, message: `"${name.value}" is first used here` }],
            });
          }
        }
      }
    },
  },
);

// "arn:partition:service:…": the partitions are aws, aws-cn, aws-us-gov and the like.
const ARN = /^arn:aws(?:-[a-z]+)*:[a-z0-9-]+:\S*$/;

const actionArn = defineRule(
  {
    code: 'alarm.action-arn',
    severity: 'error',
    title: "An alarm's actions are ARNs",
    description:
      "`AlarmActions`, `OKActions` and `InsufficientDataActions` hold the ARNs CloudWatch runs when the alarm enters that state: an SNS topic, a Lambda function, a scaling policy, an EC2 or Systems Manager action ([PutMetricAlarm](https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html) lists them). Anything else, such as a topic's or a policy's name, is rejected. This policy's own ARN is not written at all: apply adds it where `TriggerPolicyOn` says.",
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of policy.alarms) {
        for (const [, key, list] of actionLists(alarm)) {
          for (const action of list?.items ?? []) {
            if (ARN.test(action.value)) continue;
            ctx.report({
              range: action.range,
              message: `"${action.value}" in ${key} is not an ARN, and CloudWatch takes only ARNs here, such as an SNS topic's (arn:aws:sns:us-east-1:123456789012:my-topic). For this policy write nothing: apply adds its ARN to the lists TriggerPolicyOn names.`,
            });
          }
        }
      }
    },
  },
);

const actionSelf = defineRule(
  {
    code: 'alarm.action-self',
    severity: 'warning',
    title: "An alarm's actions leave out the policy's own ARN",
    description:
      "Apply adds the policy's ARN to the lists of the states `TriggerPolicyOn` names, and AWS gives a policy a new ARN when it is created again, so a written one goes stale. Written into a list, it also triggers the policy in a state `TriggerPolicyOn` does not name, and the plan keeps finding a difference. Say the states in `TriggerPolicyOn` instead.",
  },
  {
    policy(policy, target, ctx) {
      const tail = ownArnTail(policy, target);
      if (!tail || policy.alarms.length === 0) return;
      for (const alarm of policy.alarms) {
        for (const [state, key, list] of actionLists(alarm)) {
          for (const action of list?.items ?? []) {
            if (!action.value.endsWith(tail) || !action.value.includes(':autoscaling:')) continue;
            const instead = triggerStates(alarm).includes(state)
              ? `TriggerPolicyOn already names ${state}`
              : `to trigger it on ${state}, add "${state}" to TriggerPolicyOn`;
            ctx.report({
              range: insideString(ctx.text, action, 0, action.value.length),
              message: `This is the ARN of ${policyLabel(policy)} itself: leave it out of ${key}, since apply adds the policy's current ARN (${instead}).`,
              fixes: [{ title: "Remove the policy's own ARN", edits: removeElementEdits(list!.item, action) }],
            });
          }
        }
      }
    },
  },
);

/** PutMetricAlarm takes at most this many actions per state. */
const MAX_ACTIONS = 5;

const actionsMax = defineRule(
  {
    code: 'alarm.actions-max',
    severity: 'error',
    title: 'At most 5 actions per alarm state, the policy included',
    description:
      "[PutMetricAlarm](https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html) takes at most 5 ARNs in each of `AlarmActions`, `OKActions` and `InsufficientDataActions`. Apply adds the policy's ARN to the lists of the states `TriggerPolicyOn` names, so there a list leaves room for 4 others.",
  },
  {
    policy(policy, _target, ctx) {
      for (const alarm of policy.alarms) {
        const states = triggerStates(alarm);
        for (const [state, key, list] of actionLists(alarm)) {
          if (!list?.keyRange || !states.includes(state)) continue;
          const count = new Set(list.items.map((a) => a.value)).size + 1;
          if (count <= MAX_ACTIONS) continue;
          ctx.report({
            range: list.keyRange,
            message: `With this policy's ARN, which apply adds because the alarm triggers it on ${state}, ${key} would hold ${count} actions; CloudWatch takes at most ${MAX_ACTIONS}. Keep at most ${MAX_ACTIONS - 1} here, for example one SNS topic that notifies all the others.`,
          });
        }
      }
    },
  },
);

export const alarmActionRules: Rule[] = [oneForm, nameUnique, actionArn, actionSelf, actionsMax];
