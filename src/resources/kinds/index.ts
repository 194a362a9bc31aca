// Every kind the Resources view shows, in the order of its groups. A kind is added here and in its own file.
import type { ResourceKind } from '../../../runtime/template/resources/model';
import type { ResourceKindView } from '../kinds';
import { bucketView } from './bucket/index';
import { eventBusView } from './eventBus/index';
import { queueView } from './queue/index';
import { ruleView } from './rule/index';
import { scheduleView } from './schedule/index';
import { tableView } from './table/index';
import { topicView } from './topic/index';

const KINDS: ResourceKindView[] = [
  bucketView,
  tableView,
  queueView,
  topicView,
  { kind: 'subscription', group: 'Subscriptions', icon: 'link' },
  eventBusView,
  ruleView,
  scheduleView,
];

export function resourceKinds(): readonly ResourceKindView[] {
  return KINDS;
}

export function kindView(kind: ResourceKind): ResourceKindView {
  const view = KINDS.find((candidate) => candidate.kind === kind);
  if (!view) throw new Error(`No view for resources of kind ${kind}`);
  return view;
}
