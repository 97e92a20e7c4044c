import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = join(__dirname, '..', '..', '..');

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('l10n bundle', function () {
  // The extractor parses every file with tree-sitter (WebAssembly): a few seconds.
  this.timeout(60_000);

  it('holds every vscode.l10n.t string of the VS Code layer (regenerate with: npm run l10n)', async () => {
    const files = typeScriptFiles(join(root, 'src', 'vscode')).map((file) => ({ extension: '.ts', contents: readFileSync(file, 'utf8') }));
    const extracted = await getL10nJson(files);
    const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    assert.ok(Object.keys(extracted).length > 100, `only ${String(Object.keys(extracted).length)} strings extracted; the extractor is probably broken`);
    assert.deepEqual(Object.keys(committed).sort(), Object.keys(extracted).sort());
  });
});
