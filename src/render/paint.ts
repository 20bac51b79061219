// How terminal text is styled: src/cli/paint.ts makes a chalk-backed Paint when
// colour is on. Its own module, so that a command printing plain text (e.g.
// `validate`) loads none of the report renderers.
/** Styling functions; src/cli/paint.ts makes a chalk-backed one, `plainPaint` changes nothing. */
export interface Paint {
  bold: (s: string) => string;
  dim: (s: string) => string;
  italic: (s: string) => string;
  underline: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  blue: (s: string) => string;
  magenta: (s: string) => string;
  cyan: (s: string) => string;
  gray: (s: string) => string;
}

const identity = (s: string): string => s;

export const plainPaint: Paint = {
  bold: identity,
  dim: identity,
  italic: identity,
  underline: identity,
  red: identity,
  green: identity,
  yellow: identity,
  blue: identity,
  magenta: identity,
  cyan: identity,
  gray: identity,
};
