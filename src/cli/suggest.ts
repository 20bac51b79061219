// "Did you mean …?" for a mistyped option or command name.

/** Edit distance (optimal string alignment: insertions, deletions, substitutions, swaps of neighbours). */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d[i] = [i];
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates closest to `word` (all those at the smallest distance, sorted), or [] when
 * none is close: at most 3 edits and fewer than 60% of the longer word's characters, the
 * rule commander uses for its own suggestions. An option (`--colour`) is compared without
 * its dashes, and also with a negated candidate's `no-` left out (`--no-color`), so that
 * an option only known in its negative form is still found. Words over 100 characters get no suggestion.
 */
export function closest(word: string, candidates: readonly string[]): string[] {
  if (word.length > 100) return [];
  const bare = (w: string) => w.replace(/^--?/, '');
  const typed = bare(word);
  let best = 4;
  let found: string[] = [];
  for (const candidate of new Set(candidates)) {
    const forms = [bare(candidate), bare(candidate).replace(/^no-/, '')];
    for (const form of forms) {
      if (form.length <= 1) continue;
      const d = distance(typed, form);
      const length = Math.max(typed.length, form.length);
      if ((length - d) / length <= 0.4 || d > best) continue;
      if (d < best) {
        best = d;
        found = [];
      }
      if (!found.includes(candidate)) found.push(candidate);
    }
  }
  return found.sort((a, b) => a.localeCompare(b, 'en'));
}

/** " (did you mean --json?)", " (did you mean --force or --format?)" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const found = closest(word, candidates);
  if (found.length === 0) return '';
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} or ${found.at(-1)}`;
  return ` (did you mean ${list}?)`;
}
