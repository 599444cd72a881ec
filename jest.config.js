/**
 * One jest for the whole repository, CommonJS mode. Sources are transformed by SWC straight from
 * `src` (type checking is `tsc -b`, which the test command runs first), so tests never depend on a
 * stale `dist`. ESM-only packages (inversify 8, agenda 6, ...) are let through the transform.
 */
const esmOnly = ['inversify', '@inversifyjs', 'agenda', '@agendajs'].join('|');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  // `*.serial.*` tests disturb shared servers (a database restart): the test command runs them
  // alone, after the rest, with GAVEL_SERIAL=1.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.build/', ...(process.env.GAVEL_SERIAL ? [] : ['\\.serial\\.'])],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleNameMapper: {
    '^@gavel/core$': '<rootDir>/core/src/index.ts',
    '^@gavel/contracts$': '<rootDir>/contracts/src/index.ts',
    '^@gavel/memory$': '<rootDir>/adapters/memory/src/index.ts',
    '^@gavel/knex$': '<rootDir>/adapters/knex/src/index.ts',
    '^@gavel/auth$': '<rootDir>/adapters/auth/src/index.ts',
    '^@gavel/koa-http$': '<rootDir>/adapters/koa-http/src/index.ts',
    '^@gavel/app-gateway$': '<rootDir>/apps/gateway/src/index.ts',
    '^@gavel/app-worker$': '<rootDir>/apps/worker/src/index.ts',
    '^@gavel/socketio$': '<rootDir>/adapters/socketio/src/index.ts',
    '^@gavel/agenda$': '<rootDir>/adapters/agenda/src/index.ts',
    '^@gavel/app-api$': '<rootDir>/apps/api/src/index.ts',
    '^@gavel/app-standalone$': '<rootDir>/apps/standalone/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.build/', '/dist/'],
};
