// Mocha 12 renamed its CLI helpers to lib/cli/*.cjs; @stryker-mutator/mocha-runner 9 (the last
// StrykerJS line that runs on Node 20) still requires them without an extension. Letting
// `require` try `.cjs` like `.js` resolves those paths to the same files, unchanged. Preloaded
// only by `npm run mutate` (NODE_OPTIONS), never by the extension, the CLI or the tests.
'use strict';
const Module = require('node:module');
if (!Module._extensions['.cjs']) Module._extensions['.cjs'] = Module._extensions['.js'];
