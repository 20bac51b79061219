// The tests read .xlsx through exceljs as installed, not through the bundle, which carries a
// build-time fix of its streaming reader (scripts/exceljs-zip-entries.mjs: without it the zip's
// entries after a sheet set aside in a temporary file are lost now and then). The same fix is
// put in Node's module cache before exceljs loads, so that tests read workbooks as the tool does
// and do not fail at random.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
// @ts-expect-error: a build script, plain JavaScript without types
import { zipEntriesFix } from '../../scripts/exceljs-zip-entries.mjs';

const require = createRequire(import.meta.url);
const file = require.resolve('exceljs/lib/stream/xlsx/workbook-reader.js');
if (!require.cache[file]) {
  type Compilable = Module & { _compile(code: string, filename: string): void; paths: string[] };
  const patched = new Module(file) as Compilable;
  patched.filename = file;
  patched.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  patched._compile((zipEntriesFix as (text: string) => string)(readFileSync(file, 'utf8')), file);
  patched.loaded = true;
  require.cache[file] = patched;
}
