// DynamoDB stream consumer (ESM). New or changed orders must have a positive quantity; the bad
// ones are reported by sequence number so only they are retried (ReportBatchItemFailures).

const numberOf = (attribute) => (attribute && attribute.N !== undefined ? Number(attribute.N) : Number.NaN);

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records ?? []) {
    if (record.eventName === 'REMOVE') {
      console.log(`order ${record.dynamodb.Keys.orderId.S} removed`);
      continue;
    }
    const image = record.dynamodb.NewImage ?? {};
    const orderId = image.orderId?.S ?? '(no id)';
    const quantity = numberOf(image.quantity);
    if (!Number.isInteger(quantity) || quantity <= 0) {
      console.log(`order ${orderId} rejected: quantity ${image.quantity?.N ?? 'missing'}`);
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      continue;
    }
    console.log(`order ${orderId} ${record.eventName === 'INSERT' ? 'placed' : 'updated'}: ${quantity} x ${image.item?.S ?? 'item'}`);
  }
  return { batchItemFailures };
};
