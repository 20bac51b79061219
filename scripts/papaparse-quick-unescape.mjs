// A build-time change to papaparse 5's parser, with the same results: every quoted
// field goes through `field.replace(quoteCharRegex, quoteChar)` to turn an escaped
// quote ("") into one, a regular-expression replace that costs about four times a
// plain search even when there is nothing to replace. Survey exports quote most cells
// and rarely hold an escaped quote, so the replace ran a million times for nothing on
// 100,000 rows (docs/performance.md, "A survey export"). Here it runs only
// when the field holds the escaped quote, found with indexOf: the regular expression
// matches exactly that literal text (both characters go through escapeRegExp), so a
// field without it is returned as it is either way. Nothing else changes; the build
// fails if papaparse's text is not the one this was written for
// (test/build/papaparse-quick-unescape.test.ts compares both parsers on random CSV).

const DECLARATION = "var quoteCharRegex = new RegExp(escapeRegExp(escapeChar) + escapeRegExp(quoteChar), 'g');";
const USE = '.replace(quoteCharRegex, quoteChar)';
/** The parser's three fields that end at a closing quote (at the end, before a delimiter, before a newline). */
const USES = 3;

/**
 * papaparse.js's text with the guarded unescape. Throws when the text does not hold the
 * declaration once and the replace exactly USES times (another papaparse version).
 */
export function quickUnescape(source) {
  const declarations = source.split(DECLARATION).length - 1;
  const uses = source.split(USE).length - 1;
  if (declarations !== 1 || uses !== USES) {
    throw new Error(
      `build: papaparse's parser is not the text scripts/papaparse-quick-unescape.mjs expects (${declarations} declaration(s), ${uses} use(s) of the quote replace); check the change against the new version`,
    );
  }
  const out = source
    .replace(/(input\.substring\(cursor, quoteSearch\))\.replace\(quoteCharRegex, quoteChar\)/g, 'unescapeQuotes($1)')
    .replace(
      DECLARATION,
      `${DECLARATION}\n\t\t\tvar escapedQuote = escapeChar + quoteChar;\n\t\t\tvar unescapeQuotes = function (field) { return field.indexOf(escapedQuote) === -1 ? field : field${USE}; };`,
    );
  if (out.split('unescapeQuotes(').length - 1 !== USES || out.split(USE).length - 1 !== 1) {
    throw new Error("build: scripts/papaparse-quick-unescape.mjs did not reach every quoted field of papaparse's parser; check the change against this version");
  }
  return out;
}

/** The esbuild plugin: papaparse.js is bundled with quickUnescape applied. */
export const papaparseQuickUnescape = {
  name: 'papaparse-quick-unescape',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]papaparse[\\/]papaparse\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: quickUnescape(await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};
