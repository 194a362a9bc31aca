// A function that misbehaves on request, to see timeouts, errors, crashes and memory use:
//   {"sleepMs": 2500}      sleeps (Timeout is 2 s, so this one times out)
//   {"fail": "message"}    throws an Error with that message
//   {"crash": true}        exits the process (Runtime.ExitError)
//   {"allocateMb": 100}    holds that much memory until the invoke ends
// Every answer carries the module-level counter, so warm reuse of an environment is visible.
let invocations = 0;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.handler = async (event) => {
  invocations += 1;
  const request = event && typeof event === 'object' ? event : {};
  if (request.crash) {
    console.log('crashing on purpose');
    process.exit(1);
  }
  if (typeof request.fail === 'string') {
    throw new Error(request.fail);
  }
  let allocatedMb = 0;
  let ballast = [];
  if (Number.isFinite(request.allocateMb) && request.allocateMb > 0) {
    for (let i = 0; i < request.allocateMb; i += 1) {
      // Filled so the pages are really touched and count towards resident memory.
      ballast.push(Buffer.alloc(1024 * 1024, i % 256));
    }
    allocatedMb = ballast.length;
  }
  const sleptMs = Number.isFinite(request.sleepMs) && request.sleepMs > 0 ? request.sleepMs : 0;
  if (sleptMs > 0) await sleep(sleptMs);
  ballast = [];
  return { invocations, sleptMs, allocatedMb };
};
