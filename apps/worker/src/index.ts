export * from './config';
export * from './scheduler-factory';
export * from './scheduling-runtime';
export * from './worker-server';
