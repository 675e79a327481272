export * from './protection';
export * from './figures';
