// TransactWriteItems and TransactGetItems, which dynalite lacks, built from its parts: each action is checked
// as its single-item form (PutItem, UpdateItem, DeleteItem), every condition is evaluated under the tables'
// locks before anything is written, and one failure cancels all with DynamoDB's CancellationReasons.
import { DynamoError, type DynaliteEngine, type Item, type Json } from './engine';
import type { WriteCapture, WriteTarget } from './writes';

const MAX_ACTIONS = 100;
const KINDS: ReadonlyArray<[string, string]> = [['Put', 'PutItem'], ['Update', 'UpdateItem'], ['Delete', 'DeleteItem'], ['ConditionCheck', 'DeleteItem']];

interface PreparedAction {
  kind: string;
  operation: string;
  data: Json;
  target: WriteTarget;
}

function actionsOf(request: Json): Json[] {
  const items = request.TransactItems;
  if (!Array.isArray(items) || items.length === 0) {
    throw DynamoError.validation('1 validation error detected: Value null at \'transactItems\' failed to satisfy constraint: Member must not be null');
  }
  if (items.length > MAX_ACTIONS) {
    throw DynamoError.validation(`1 validation error detected: Value '[${items.length} items]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS}`);
  }
  return items as Json[];
}

function prepareAction(engine: DynaliteEngine, item: Json, index: number): PreparedAction {
  const present = KINDS.filter(([kind]) => item[kind] !== undefined);
  if (present.length !== 1) {
    throw DynamoError.validation(`TransactItems[${index}] must have exactly one of Put, Update, Delete or ConditionCheck.`);
  }
  const [kind, operation] = present[0];
  const { ReturnValuesOnConditionCheckFailure: _returnValues, ...fields } = item[kind] as Json;
  if (kind === 'ConditionCheck' && typeof fields.ConditionExpression !== 'string') {
    throw DynamoError.validation('1 validation error detected: Value null at \'transactItems.' + (index + 1) + '.member.conditionCheck.conditionExpression\' failed to satisfy constraint: Member must not be null');
  }
  const data = engine.prepare(operation, fields);
  const keySource = (kind === 'Put' ? data.Item : data.Key) as Item;
  return { kind, operation, data, target: { tableName: data.TableName as string, keySource } };
}

function cancelled(reasons: Array<Json & { Code: string }>): DynamoError {
  return new DynamoError({
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`,
    CancellationReasons: reasons,
  });
}

export async function transactWriteItems(engine: DynaliteEngine, capture: WriteCapture, request: Json): Promise<Json> {
  const actions = actionsOf(request).map((item, index) => prepareAction(engine, item, index));
  return capture.locks.hold(actions.map((action) => action.target.tableName), async () => {
    const keys = new Set<string>();
    const existing: Array<Item | undefined> = [];
    for (const action of actions) {
      const table = await engine.table(action.target.tableName);
      if (!table || table.TableStatus !== 'ACTIVE') throw DynamoError.notFound();
      let storageKey: string;
      try {
        storageKey = engine.storageKey(action.target.keySource, table);
      } catch {
        throw DynamoError.validation('The provided key element does not match the schema');
      }
      const identity = `${action.target.tableName}\u0000${storageKey}`;
      if (keys.has(identity)) throw DynamoError.validation('Transaction request cannot include multiple operations on one item');
      keys.add(identity);
      existing.push(await engine.item(action.target.tableName, storageKey));
    }
    const reasons = actions.map((action, index) => {
      const failure = engine.conditionFailure(action.data, existing[index]);
      if (!failure) return { Code: 'None' };
      const returnOld = ((request.TransactItems as Json[])[index][action.kind] as Json).ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
      return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(returnOld && existing[index] ? { Item: existing[index] } : {}) };
    });
    if (reasons.some((reason) => reason.Code !== 'None')) throw cancelled(reasons);
    const writes = actions.filter((action) => action.kind !== 'ConditionCheck');
    const watched = await capture.watch(writes.map((action) => action.target));
    for (const action of writes) {
      // Conditions were all checked above, with every item as it was before the transaction.
      const { _condition: _parsed, Expected: _expected, ...unconditional } = action.data;
      await engine.execute(action.operation, unconditional);
    }
    await capture.record(watched, false);
    return {};
  });
}

export async function transactGetItems(engine: DynaliteEngine, request: Json): Promise<Json> {
  const items = actionsOf(request);
  const gets = items.map((item, index) => {
    if (typeof item.Get !== 'object' || item.Get === null) throw DynamoError.validation(`TransactItems[${index}] must have a Get.`);
    return engine.prepare('GetItem', item.Get as Json);
  });
  const responses: Json[] = [];
  for (const data of gets) {
    const answer = await engine.execute('GetItem', data);
    responses.push(answer.Item ? { Item: answer.Item } : {});
  }
  return { Responses: responses };
}
