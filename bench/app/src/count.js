// Answers the ids of the records it got, so the benchmark can tell when each write arrived and count them.
exports.handler = async (event) => ({ ids: event.Records.map((record) => record.dynamodb.Keys.id.S) });
