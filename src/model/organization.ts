// How two organization names are compared: the stored name decides, not the
// folder it was written to. "Example Org", "example org" and "Example-Org" are
// one organization; 日本電気 and 富士通 are two, as are "-" and ".".

/**
 * A comparison key for an organization name: Unicode-normalized (NFKC), lower
 * case, runs of anything but letters and digits collapsed to one "-". A name
 * with no letter or digit at all keys on itself (trimmed), so "-" and "." differ.
 */
export function orgKey(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  const key = folded.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return key === '' ? `=${name.trim()}` : key;
}

/** Same organization, by orgKey. */
export function sameOrganizationName(a: string, b: string): boolean {
  return orgKey(a) === orgKey(b);
}
