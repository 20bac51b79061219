// The organization's folder name, spelling other scripts in Latin letters with
// the `transliteration` library (loaded only for such names: it is large).
import { needsTransliteration, orgSlug } from './paths.js';

/** orgSlug with a real transliterator for names in other scripts (日本電気 -> "ri-ben-dian-qi-<hash>"). */
export async function orgFolderName(name: string): Promise<string> {
  if (!needsTransliteration(name)) return orgSlug(name);
  const { transliterate } = await import('./transliterate.js');
  return orgSlug(name, transliterate);
}
