// The result schema version, in a module of its own so that code writing
// results does not have to load the zod schemas (start-up cost).
export const RESULT_SCHEMA_VERSION = 1;
