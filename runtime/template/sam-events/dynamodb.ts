// SAM function events of Type DynamoDB: checked when the function is read, so a stream mapping Lambda would
// refuse (no Stream, a wrong StartingPosition, BatchSize out of range, an invalid FilterCriteria) is a
// problem at its line rather than a mapping that silently never runs.
import { readStreamMappingSettings } from '../../event-sources/mappings/stream-settings';
import type { ProblemSink } from '../located';
import type { EventSourceConfig } from '../model';

export function checkDynamoDbEvent(event: EventSourceConfig, problems: ProblemSink): void {
  if (event.type !== 'DynamoDB') return;
  const fallback = event.location ?? { file: '', line: 1, column: 1 };
  readStreamMappingSettings(event.properties, (property, message) => {
    problems.error(event.propertyLocations?.[property] ?? fallback, `Event ${event.name} (DynamoDB): ${message}`);
  });
}
