/** Field-level encryption, blind indexes and the reveal rule for personal data. Plain modules: no Directus import. */
export * from './keyring';
export * from './envelope';
export * from './key-cache';
export { BlindIndexError, blindIndex, isBlindIndex, normaliseForIndex } from './blind-index';
export * from './reveal';
export * from './rotation';
export * from './record';
export * from './read-bundle';
