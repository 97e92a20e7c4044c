import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contributedCommands, type ContributedCommand } from '../../vscode/suite/manifest';

interface Manifest {
  readonly contributes?: {
    readonly menus?: { readonly commandPalette?: readonly { readonly command: string; readonly when?: string }[] };
    readonly configuration?: { readonly properties?: Readonly<Record<string, { readonly default?: unknown }>> };
  };
}

/**
 * The contributed commands split by whether the palette lists them in a fresh,
 * signed-out home, judged from package.json's `menus.commandPalette` `when` clauses
 * (read at test time: others keep adding commands and clauses).
 */
export function paletteVisibilityInFreshHome(extensionPath: string): { shown: ContributedCommand[]; hidden: ContributedCommand[] } {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as Manifest;
  const clauses = new Map<string, string>();
  for (const entry of manifest.contributes?.menus?.commandPalette ?? []) if (entry.when !== undefined) clauses.set(entry.command, entry.when);
  const defaults = new Map(Object.entries(manifest.contributes?.configuration?.properties ?? {}).map(([name, property]) => [name, property.default]));
  const shown: ContributedCommand[] = [];
  const hidden: ContributedCommand[] = [];
  for (const command of contributedCommands(extensionPath)) {
    const when = clauses.get(command.command);
    (when === undefined || evaluateWhenInFreshHome(when, defaults) ? shown : hidden).push(command);
  }
  return { shown, hidden };
}

/**
 * A `when` clause in a fresh home: every context key this extension sets is unset (false),
 * `config.<setting>` is the setting's default (a fresh profile sets none), `true`/`false`
 * are themselves. Only `!`, `&&`, `||` and parentheses are understood; a
 * clause using anything else (comparisons, other extensions' keys) is refused, so the test
 * is taught about it rather than guessing.
 */
export function evaluateWhenInFreshHome(clause: string, settingDefaults: ReadonlyMap<string, unknown> = new Map()): boolean {
  const tokens = clause.match(/\s*(&&|\|\||!|\(|\)|[\w.-]+|\S)/g)?.map((token) => token.trim()) ?? [];
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const fail = (why: string): never => {
    throw new Error(`Cannot judge the when clause "${clause}" for a fresh home: ${why}.`);
  };
  const primary = (): boolean => {
    const token = tokens[position++];
    if (token === '!') return !primary();
    if (token === '(') {
      const value = or();
      if (tokens[position++] !== ')') fail('unbalanced parentheses');
      return value;
    }
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token?.startsWith('bedrockOnboarding.')) return false;
    if (token?.startsWith('config.') && settingDefaults.has(token.slice('config.'.length))) return Boolean(settingDefaults.get(token.slice('config.'.length)));
    return fail(`unknown term "${token ?? '(end)'}"`);
  };
  const and = (): boolean => {
    let value = primary();
    while (peek() === '&&') {
      position++;
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek() === '||') {
      position++;
      value = and() || value;
    }
    return value;
  };
  const value = or();
  if (position !== tokens.length) fail(`unexpected "${tokens[position] ?? ''}"`);
  return value;
}
