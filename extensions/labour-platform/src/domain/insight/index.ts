export * from './protection';
export * from './figures';
export * from './map';
export * from './display';
export * from './display-texts';
export * from './export';
export * from './report';
