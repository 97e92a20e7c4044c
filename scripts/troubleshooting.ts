// Lists every UserFacingError the product can raise (its stable code and its sentence,
// with the parts filled in at run time shown as «…») and writes that list into README.md
// between the troubleshooting markers. `node --import tsx scripts/troubleshooting.ts`
// rewrites the README; `--check` only reports codes the README does not list yet.
// A unit test runs the check, so a new error cannot ship undocumented.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface DocumentedError {
  readonly code: string;
  readonly sentence: string;
  readonly file: string;
}

const ROOT = path.resolve(__dirname, '..');
const START = '<!-- troubleshooting:start -->';
const END = '<!-- troubleshooting:end -->';

/** Every `new UserFacingError(message, 'code')` under src/, with a readable template of the message. */
export function collectUserFacingErrors(root = ROOT): DocumentedError[] {
  const found = new Map<string, DocumentedError>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'UserFacingError') {
        const [message, code] = node.arguments ?? [];
        if (message && code && ts.isStringLiteralLike(code) && !found.has(code.text)) {
          found.set(code.text, { code: code.text, sentence: template(message, source), file: path.relative(root, file) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The message as a reader would see it, with run-time parts shown as «…». */
function template(node: ts.Expression, source: ts.SourceFile): string {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `«…»${span.literal.text}`).join('');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return template(node.left, source) + template(node.right, source);
  if (ts.isParenthesizedExpression(node)) return template(node.expression, source);
  return '«…»';
}

function markdown(errors: readonly DocumentedError[]): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const rows = errors.map((error) => `| \`${error.code}\` | ${escape(error.sentence)} |`);
  return [
    'Every error the extension and the CLI can show is one sentence saying what happened and what to do',
    '(«…» stands for the file, profile or value of the moment). The code in the first column is',
    'what `--json` output and the log carry. This table is generated from the sources',
    '(`node --import tsx scripts/troubleshooting.ts`); a test fails when an error is missing from it.',
    '',
    '| Code | What you see, and what to do |',
    '|---|---|',
    ...rows,
  ].join('\n');
}

/** Codes raised in src/ that the README's troubleshooting section does not mention. */
export function undocumentedCodes(root = ROOT): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  const section = start >= 0 && end > start ? readme.slice(start, end) : '';
  return collectUserFacingErrors(root)
    .map((error) => error.code)
    .filter((code) => !section.includes(`\`${code}\``));
}

function writeReadme(root = ROOT): number {
  const file = path.join(root, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section.`);
  const errors = collectUserFacingErrors(root);
  fs.writeFileSync(file, `${readme.slice(0, start + START.length)}\n${markdown(errors)}\n${readme.slice(end)}`);
  return errors.length;
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const missing = undocumentedCodes();
    console.log(missing.length === 0 ? 'troubleshooting: every error is documented' : `troubleshooting: not in README.md: ${missing.join(', ')}`);
    process.exitCode = missing.length === 0 ? 0 : 1;
  } else {
    console.log(`troubleshooting: ${writeReadme()} errors listed in README.md`);
  }
}
