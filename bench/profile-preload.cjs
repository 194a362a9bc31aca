// Loaded with `--require` by bench/profile.mjs into the runtime and each environment: SIGUSR2 starts the CPU
// profiler, the next SIGUSR2 writes `<pid>.cpuprofile` into LAMBKIN_PROFILE_DIR. Signals rather than
// --cpu-prof, because environments end with SIGKILL (no exit hook runs) and only the measured window matters.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.LAMBKIN_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
