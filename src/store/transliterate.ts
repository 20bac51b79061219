// Kept in its own module so the bundle loads the library only when a name needs it.
import { transliterate as library } from 'transliteration';

/** Any text spelled in Latin letters (e.g. Chinese by pinyin, Cyrillic, Greek); unknown characters dropped. */
export function transliterate(text: string): string {
  return library(text, { unknown: '' });
}
