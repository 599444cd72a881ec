import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkDependencyRule } = require('../../scripts/dependency-rule.js') as {
  checkDependencyRule: (root: string) => { file: string; specifier: string; reason: string }[];
};

const FORBIDDEN_IN_CORE = ['koa', '@koa/router', 'knex', 'socket.io', 'agenda', 'jsonwebtoken', 'bcryptjs', 'pg', 'mysql2', 'mongodb', 'inversify', 'io-ts'];

const fixtures: string[] = [];
afterAll(() => fixtures.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const fixture = (files: Record<string, string>): string => {
  const root = mkdtempSync(join(tmpdir(), 'gavel-deps-'));
  fixtures.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};

describe('dependency rule', () => {
  it('holds for this repository', () => {
    expect(checkDependencyRule(resolve(__dirname, '../..'))).toEqual([]);
  });

  it.each(FORBIDDEN_IN_CORE)('catches core importing %s, in every import form', (lib) => {
    const root = fixture({
      'core/src/a.ts': `import x from '${lib}';`,
      'core/src/b.ts': `export { y } from '${lib}/sub';`,
      'core/src/c.ts': `const z = require('${lib}'); const w = import('${lib}');`,
    });
    const found = checkDependencyRule(root);
    expect(found.map((v) => v.file).sort()).toEqual(['core/src/a.ts', 'core/src/b.ts', 'core/src/c.ts', 'core/src/c.ts']);
  });

  it('catches core reaching outside itself by a relative path, and node built-ins', () => {
    const root = fixture({
      'core/src/a.ts': `import { k } from '../../adapters/knex/src';\nimport { readFileSync } from 'node:fs';`,
      'core/src/ok.ts': `import { b } from './b';`,
    });
    expect(checkDependencyRule(root).map((v) => v.specifier)).toEqual(['../../adapters/knex/src', 'node:fs']);
  });

  it('lets contracts import io-ts and fp-ts only', () => {
    const root = fixture({
      'contracts/src/ok.ts': `import * as t from 'io-ts';\nimport { isRight } from 'fp-ts/Either';`,
      'contracts/src/bad.ts': `import { Auction } from '@gavel/core';`,
      'contracts/package.json': JSON.stringify({ dependencies: { 'io-ts': '2', '@gavel/core': '0' } }),
    });
    expect(checkDependencyRule(root).map((v) => [v.file, v.specifier])).toEqual([
      ['contracts/src/bad.ts', '@gavel/core'],
      ['contracts/package.json', '@gavel/core'],
    ]);
  });

  it('catches an adapter importing another adapter or an app', () => {
    const root = fixture({
      'adapters/koa-http/src/a.ts': "import { KnexDatabase } from '@gavel/knex'; import { x } from '@gavel/core';",
      'adapters/knex/src/b.ts': "import { y } from '@gavel/app-api'; import * as t from '@gavel/contracts';",
    });
    expect(checkDependencyRule(root).map((v) => `${v.file} ${v.specifier}`).sort()).toEqual([
      'adapters/knex/src/b.ts @gavel/app-api',
      'adapters/koa-http/src/a.ts @gavel/knex',
    ]);
  });
});
