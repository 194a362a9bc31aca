// EventBridge rules in the Resources view: a scheduled rule shows its schedule and next run (with Run Now);
// a pattern rule its bus and targets.
import type { ResourceKindView } from '../../kinds';
import { describeSchedule, scheduleInfo } from '../schedule/info';

export const ruleView: ResourceKindView = {
  kind: 'rule',
  group: 'Rules',
  icon: 'filter',
  describe: (resource, host) => {
    if (resource.kind !== 'rule') return undefined;
    const info = scheduleInfo(resource, host.dataFolder);
    if (info) return describeSchedule(info);
    const { rule } = resource;
    const targets = `${rule.targets.length} target${rule.targets.length === 1 ? '' : 's'}`;
    return `on ${rule.eventBusName} · ${targets}${rule.state === 'DISABLED' ? ' · disabled' : ''}`;
  },
  contextValue: (resource) => (resource.kind === 'rule' && resource.rule.scheduleExpression !== undefined ? 'rule.scheduled' : undefined),
};
