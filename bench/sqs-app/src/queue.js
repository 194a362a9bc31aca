// Bench handlers: each reports what the bench measures from the records it got.
// latency: how long after its send (the body's sentAt) each message reached the function.
module.exports.latency = async (event) => ({ lags: event.Records.map((record) => Date.now() - JSON.parse(record.body).sentAt) });

// bulk: the ids of the messages, so the bench can count every message once and find duplicates.
module.exports.bulk = async (event) => ({ ids: event.Records.map((record) => JSON.parse(record.body).id) });
