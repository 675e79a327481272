export * from './protection';
export * from './figures';
export * from './map';
