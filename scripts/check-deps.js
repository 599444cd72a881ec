'use strict';
const path = require('node:path');
const { checkDependencyRule } = require('./dependency-rule');

const violations = checkDependencyRule(path.resolve(__dirname, '..'));
for (const v of violations) console.error(`dependency rule: ${v.file} imports '${v.specifier}': ${v.reason}`);
if (violations.length > 0) process.exit(1);
console.log('dependency rule: core and contracts are clean');
