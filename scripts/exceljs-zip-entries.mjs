// A build-time fix to exceljs 4's streaming workbook reader (lib/stream/xlsx/workbook-reader.js):
// it walks the zip's entries with its own `iterateStream` helper, which lets an entry go by
// now and then while the loop awaits a worksheet being set aside in a temporary file. The
// entries after the worksheets (shared strings, workbook.xml) were then lost in about 1 run
// of 50 on this machine: cells read as "[object Object]", or sheets lost their names (found
// by a tester; exceljs issues #683 and #3064). The upstream pull request exceljs#2915 (open,
// adopted by the protobi fork) iterates the unzip stream itself, whose own async iterator
// waits for each entry to be consumed: that is the whole change. The build fails if the
// reader's text is not the one this was written for (another exceljs version).

const PIPE = 'const zip = unzip.Parse({forceStream: true});\n    stream.pipe(zip);';
const LOOP = 'for await (const entry of iterateStream(zip)) {';

/** workbook-reader.js's text with the fixed loop. Throws when the text does not hold each part once. */
export function zipEntriesFix(source) {
  const text = source.replace(/\r\n/g, '\n');
  const pipes = text.split(PIPE).length - 1;
  const loops = text.split(LOOP).length - 1;
  if (pipes !== 1 || loops !== 1) {
    throw new Error(
      `build: exceljs' workbook reader is not the text scripts/exceljs-zip-entries.mjs expects (${pipes} pipe(s), ${loops} entry loop(s)); check the fix against the new version`,
    );
  }
  return text.replace(PIPE, 'const zip = stream.pipe(unzip.Parse({forceStream: true}));').replace(LOOP, 'for await (const entry of zip) {');
}

/** The esbuild plugin: exceljs' workbook reader is bundled with zipEntriesFix applied. */
export const exceljsZipEntries = {
  name: 'exceljs-zip-entries',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]exceljs[\\/]lib[\\/]stream[\\/]xlsx[\\/]workbook-reader\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: zipEntriesFix(await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};
