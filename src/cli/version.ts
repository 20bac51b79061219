// The package version, set by the build (scripts/build.mjs); a module of its
// own so that `readiness --version` loads nothing else.
declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
