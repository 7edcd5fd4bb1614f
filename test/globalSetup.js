const { mkdirSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async () => {
  // Calendar dates are the spreadsheet's; tests run in a zone with daylight saving to catch off-by-an-hour bugs.
  process.env.TZ = 'America/New_York';
  // jest writes its JSON results (read by .ci/run) into out/, which a fresh clone does not have.
  mkdirSync(join(__dirname, '..', 'out'), { recursive: true });
};
