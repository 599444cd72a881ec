'use strict';
/**
 * The hexagon's one hard line, checked on every test run: `core` imports nothing but itself,
 * `contracts` nothing but itself, io-ts and fp-ts. Imports are read with TypeScript's own
 * pre-processor, so `import`, `export ... from`, `import()` and `require()` all count.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const RULES = [
  { pkg: 'core', dir: 'core/src', allowed: [], deps: [] },
  { pkg: 'contracts', dir: 'contracts/src', allowed: ['io-ts', 'fp-ts'], deps: ['io-ts', 'fp-ts'] },
];

/**
 * Adapters plug into the core side by side: an adapter imports `@gavel/core` and
 * `@gavel/contracts`, never another adapter or an app (only apps compose adapters).
 */
const GAVEL_INTERNAL = new Set(['@gavel/core', '@gavel/contracts']);

const adapterViolations = (root) => {
  const adaptersDir = path.join(root, 'adapters');
  if (!fs.existsSync(adaptersDir)) return [];
  return fs.readdirSync(adaptersDir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) =>
    sourceFiles(path.join(adaptersDir, e.name, 'src')).flatMap((file) =>
      importsOf(fs.readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('@gavel/') && !GAVEL_INTERNAL.has(packageOf(spec)))
        .map((specifier) => ({
          file: path.relative(root, file), specifier,
          reason: `adapters/${e.name} may import @gavel/core and @gavel/contracts only; apps compose adapters`,
        })),
    ),
  );
};

const sourceFiles = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return sourceFiles(full);
        return /\.(c|m)?tsx?$/.test(e.name) ? [full] : [];
      })
    : [];

const importsOf = (text) => ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);

const packageOf = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

/** Every violation under `root`, as `{ file, specifier, reason }`. */
const checkDependencyRule = (root) => {
  const violations = [];
  for (const rule of RULES) {
    const base = path.join(root, rule.dir);
    for (const file of sourceFiles(base)) {
      for (const specifier of importsOf(fs.readFileSync(file, 'utf8'))) {
        const rel = path.relative(root, file);
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier);
          if (path.relative(base, target).startsWith('..')) {
            violations.push({ file: rel, specifier, reason: `${rule.pkg} may not reach outside ${rule.dir}` });
          }
        } else if (!rule.allowed.includes(packageOf(specifier))) {
          const allowed = rule.allowed.length ? rule.allowed.join(', ') : 'nothing outside itself';
          violations.push({ file: rel, specifier, reason: `${rule.pkg} may import ${allowed}` });
        }
      }
    }
    const manifest = path.join(root, rule.pkg, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
        if (!rule.deps.includes(dep)) {
          violations.push({ file: path.relative(root, manifest), specifier: dep, reason: `${rule.pkg} may depend on ${rule.deps.join(', ') || 'nothing'}` });
        }
      }
    }
  }
  return [...violations, ...adapterViolations(root)];
};

module.exports = { checkDependencyRule, importsOf };
