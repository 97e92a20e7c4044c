// One measurement in a fresh process: require + activate the bundle (or an empty module)
// against the vscode stand-in, and report time and the JavaScript files that were loaded.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const standIn = path.join(__dirname, 'vscodeStandIn.cjs');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? standIn : originalResolve.call(this, request, ...rest);
};
const target = process.argv[2];
const before = new Set(Object.keys(require.cache));
const start = process.hrtime.bigint();
const extension = require(target);
if (typeof extension.activate === 'function') {
  const memento = { get: () => true, update: () => Promise.resolve(), keys: () => [] };
  extension.activate({ subscriptions: [], extensionPath: path.dirname(path.dirname(target)), extension: { id: 'bench.bench', packageJSON: { version: 'bench' } }, globalStorageUri: { fsPath: '/tmp' }, globalState: memento, workspaceState: memento });
}
const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
const loaded = Object.keys(require.cache).filter((file) => !before.has(file) && file !== standIn);
const bytes = loaded.reduce((sum, file) => sum + fs.statSync(file).size, 0);
// activate() schedules the background features right after it returns; report what that
// loads too, so the deferred cost is visible rather than hidden.
// Errors of the stand-in's missing APIs in the background work are not what is measured.
process.on('uncaughtException', () => undefined);
process.on('unhandledRejection', () => undefined);
setTimeout(() => {
  const later = Object.keys(require.cache).filter((file) => !before.has(file) && file !== standIn && !loaded.includes(file));
  const laterBytes = later.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  process.stdout.write(JSON.stringify({ elapsedMs, bytes, loaded, laterBytes, later }));
  process.exit(0);
}, 200);
