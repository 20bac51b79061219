// The result schema version, in a module of its own so that code writing
// results does not have to load the zod schemas (start-up cost).
// 2: full-precision scores (nothing rounded before display), distributions as
//    ordered lists, optional coverage counts, display scales and wording.
export const RESULT_SCHEMA_VERSION = 2;
