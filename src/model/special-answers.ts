// The reserved answer values, in a module of their own so that readers of
// answers and surveys do not have to load the zod schemas (start-up cost).
export const DONT_KNOW = 'dont-know';
export const NOT_APPLICABLE = 'n/a';
