// One Apps Script execution slot of the local sidebar bridge (local/sidebarServer.ts), in a worker thread:
// it opens the workbook in its own runtime and runs the google.script.run calls it is given, one at a time,
// while the other slots run theirs — so concurrent sidebar calls really contend for the document lock.
// local/ is TypeScript: compiled with swc as it is required, as scripts/start.mjs does.
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  });
  module._compile(code, filename);
};

const { runCall } = require('./sidebarServer.ts');
const { createRuntime } = require('./runtime.ts');
const options = workerData.options;
const opened = createRuntime({ ...options, now: options.now ? new Date(options.now) : undefined });

parentPort.on('message', async ({ id, name, args }) => {
  const runtime = await opened;
  const answer = await runCall(runtime, name, args);
  parentPort.postMessage({ id, answer });
});
