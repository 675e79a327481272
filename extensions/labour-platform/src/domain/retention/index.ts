export * from './rule';
export * from './figures';
export * from './report';
