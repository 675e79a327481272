/** Supervision's plain rules: the SNF housing norm and the warnings. Plain module: no Directus import. */
export * from './housing-norm';
export * from './warnings';
export * from './inspections';
export * from './address-match';
export * from './geocode';
