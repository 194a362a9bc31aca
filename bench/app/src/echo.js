// `{ which: true }` asks which Node runs the function (the bench's cold-start baseline spawns the same one).
exports.handler = async (event) => (event.which ? { execPath: process.execPath } : { ok: true, event });
