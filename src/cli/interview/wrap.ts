// Word wrapping for the interview's own text (headers, help, review), so that
// narrow terminals break lines between words instead of mid-word.

/** Wraps plain text to `width` columns; `indent` starts every line (and counts towards the width). */
export function wrap(text: string, width: number, indent = ''): string {
  const room = Math.max(20, width - 1) - indent.length;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let line = '';
    for (let word of words) {
      // a word longer than the whole line is cut; nothing else is
      if (word.length > room) {
        if (line) {
          out.push(indent + line);
          line = '';
        }
        // cut by position, not by re-slicing the rest: linear in the word's length
        let at = 0;
        for (; word.length - at > room; at += room) out.push(indent + word.slice(at, at + room));
        word = word.slice(at);
      }
      if (!word) continue;
      if (!line) line = word;
      else if (line.length + 1 + word.length <= room) line += ` ${word}`;
      else {
        out.push(indent + line);
        line = word;
      }
    }
    if (line) out.push(indent + line);
  }
  return out.join('\n');
}

/** Shortens one line of text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}
