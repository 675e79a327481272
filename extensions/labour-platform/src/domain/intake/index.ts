/** The intake pipeline (issue 10): column matching, normalising, validating, matching and classifying rows. */
export * from './contract';
export * from './columns';
export * from './normalise';
export * from './rows';
export * from './messages';
export * from './csv';
export * from './pipeline';
export * from './multipart';
export * from './departures';
