// `node scripts/warehouse-file.mjs ROWS FILE.parquet` — writes a generated partner table with the columns of
// docs/warehouse.md, docs/rules.md §13 (bench/warehouse.ts generatorSql: DuckDB's range(), every band, blanks and invalid values),
// for the local runtime's `--warehouse FILE` (docs/warehouse.md).

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require(join(root, 'test', 'local', 'fixtures', 'registerTs.cjs'));
const { generatorSql } = require(join(root, 'bench', 'warehouse.ts'));

const [rowsText, fileText] = process.argv.slice(2);
const rows = Number(rowsText);
if (!Number.isInteger(rows) || rows < 1 || !fileText || !/\.parquet$/i.test(fileText)) {
  console.error(
    'Usage: node scripts/warehouse-file.mjs ROWS FILE.parquet   (ROWS a whole number ≥ 1, such as 1000000)',
  );
  process.exit(2);
}
const file = resolve(fileText);
mkdirSync(dirname(file), { recursive: true });
const started = performance.now();
const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run(generatorSql(rows, file));
connection.closeSync();
console.log(
  `Wrote ${rows.toLocaleString('en-US')} partners to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
