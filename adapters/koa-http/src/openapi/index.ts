export * from './json-schema.types';
export * from './known-refinements';
export * from './io-ts-json-schema';
export * from './openapi.types';
export * from './openapi-errors';
export * from './openapi-document';
export * from './docs-viewer';
