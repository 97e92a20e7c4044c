// A minimal `vscode` module: just enough surface for activate() to run outside VS Code,
// so the bench measures our bundle's own require + activate cost.
'use strict';
class EventEmitter {
  constructor() { this.listeners = []; }
  get event() { return (listener) => { this.listeners.push(listener); return { dispose() {} }; }; }
  fire(value) { for (const l of this.listeners) l(value); }
  dispose() {}
}
const disposable = { dispose() {} };
const channel = new Proxy({}, { get: (_t, name) => (name === 'logLevel' ? 1 : () => undefined) });
const item = new Proxy({}, { get: (_t, name) => (name === 'show' || name === 'hide' || name === 'dispose' ? () => undefined : undefined), set: () => true });
const registered = [];
module.exports = {
  registered,
  EventEmitter,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { Notification: 15 },
  ThemeColor: class { constructor(id) { this.id = id; } },
  MarkdownString: class { constructor(v) { this.value = v ?? ''; } appendMarkdown(s) { this.value += s; return this; } appendText(s) { this.value += s; return this; } },
  RelativePattern: class { constructor(base, pattern) { this.base = base; this.pattern = pattern; } },
  Uri: { file: (p) => ({ fsPath: p, scheme: 'file' }), parse: (s) => ({ toString: () => s }) },
  l10n: { t: (message, ...args) => String(message).replace(/\{(\d+)\}/g, (_m, i) => String(args[Number(i)])) },
  env: { remoteName: undefined, uiKind: 1 },
  window: {
    createOutputChannel: () => channel,
    createStatusBarItem: () => item,
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
  },
  commands: {
    registerCommand: (id) => { registered.push(id); return disposable; },
    executeCommand: async () => undefined,
  },
  workspace: {
    getConfiguration: () => ({ get: (_k, d) => d, inspect: () => undefined }),
    createFileSystemWatcher: () => ({ onDidCreate() {}, onDidChange() {}, onDidDelete() {}, dispose() {} }),
    onDidChangeConfiguration: () => disposable,
    workspaceFolders: undefined,
  },
};
