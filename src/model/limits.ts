// Bounds on what one person can type, checked where text enters the tool
// (answers files, survey cells, interview prompts, sessions), so that every
// result the tool writes stays well inside what `report` and `history` read.

/** Longest note on one answer, in characters (about three pages of text). */
export const MAX_NOTE_CHARS = 10_000;
/** Longest free-text answer or "other" text, in characters. */
export const MAX_FREE_TEXT_CHARS = 10_000;
