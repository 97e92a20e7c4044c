import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lexShell, type ShellDialect } from '../../../src/core/bearerToken/shellLexer';

/** Each statement as its words (as written), and each comment's text. */
function shape(text: string, dialect: ShellDialect): { statements: string[][]; comments: string[] } {
  const lexed = lexShell(text, dialect);
  return {
    statements: lexed.statements.map((statement) => statement.words.map((word) => word.raw)),
    comments: lexed.comments.map((comment) => text.slice(comment.start, comment.end)),
  };
}

function bash(script: string): string {
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/**
 * The arguments of one sh command line, as the lexer splits them. bash is the ground truth:
 * `printf '%s\0'` prints one NUL per argument it was given.
 */
const ARGUMENTS: readonly [string, readonly string[]][] = [
  ['a{b c}', ['a{b', 'c}']],
  ["a'\\' b", ["a'\\'", 'b']],
  ["'a\\' b'c'", ["'a\\'", "b'c'"]],
  ['\\ab c', ['\\ab', 'c']],
  ['a#b c', ['a#b', 'c']],
  ['"$(echo ")")" x', ['"$(echo ")")"', 'x']],
  ['"a(" b ")"', ['"a("', 'b', '")"']],
  ['"$" b "c"', ['"$"', 'b', '"c"']],
  ['"($" b ")"', ['"($"', 'b', '")"']],
  ['"`echo "a b"`" x', ['"`echo "a b"`"', 'x']],
  ['$(echo \\) ) x', ['$(echo \\) )', 'x']],
  ['$(echo `echo \\\\)`) x', ['$(echo `echo \\\\)`)', 'x']],
];

/**
 * Whether a line after a here-document operator is code (bash runs `echo RAN`) or part of
 * the document's body (cat prints it): the lexer must agree with bash.
 */
const HERE_DOCUMENTS: readonly [string, readonly string[][]][] = [
  // A tab before the delimiter ends the body only after `<<-`, which strips every leading tab and nothing else.
  ['cat <<EOF\n\tEOF\necho RAN', [['cat', '<<EOF']]],
  ['cat <<-EOF\n\t\tEOF\necho RAN', [['cat', '<<-EOF'], ['echo', 'RAN']]],
  ['cat <<-EOF\nE\tOF\necho HIDDEN\nEOF\necho RAN', [['cat', '<<-EOF'], ['echo', 'RAN']]],
  ['cat <<\tEOF\nx\nEOF\necho RAN', [['cat', '<<\tEOF'], ['echo', 'RAN']]],
  ['cat <<"EOF"\nx\nEOF\necho RAN', [['cat', '<<"EOF"'], ['echo', 'RAN']]],
  ['cat a<<EOF\nx\nEOF\necho RAN', [['cat', 'a<<EOF'], ['echo', 'RAN']]],
  ['cat </<<EOF\nx\nEOF\necho RAN', [['cat', '</<<EOF'], ['echo', 'RAN']]],
  ['cat </dev/null\necho RAN', [['cat', '</dev/null'], ['echo', 'RAN']]],
  ['echo a 2>&1 b\necho RAN', [['echo', 'a', '2>&1', 'b'], ['echo', 'RAN']]],
];

const CASES: readonly [ShellDialect, string, readonly string[][], readonly string[]][] = [
  // A backslash before CR LF continues the line; before anything else it starts or continues a word.
  ['posix', 'a \\\r\nb', [['a', 'b']], []],
  ['posix', 'x \\a\ny', [['x', '\\a'], ['y']], []],
  ['posix', 'a \\\rb c', [['a', '\\\rb', 'c']], []],
  // A `#` starts a comment only where a word could start.
  ['posix', 'a#b # c', [['a#b']], ['# c']],
  ['posix', 'a # c\r\nb', [['a'], ['b']], ['# c']],
  // Ampersands in redirections do not end the command.
  ['posix', 'a 2>&1 b', [['a', '2>&1', 'b']], []],
  ['posix', 'a 0<&3 b', [['a', '0<&3', 'b']], []],
  ['posix', 'a &>f b', [['a', '&>f', 'b']], []],
  ['posix', 'a & b', [['a'], ['b']], []],
  ['posix', 'echo `a\\` b` c', [['echo', '`a\\` b`', 'c']], []],
  // An unclosed quote around a here-document's delimiter runs to the end of the file.
  ['posix', "cat <<'EOF\nx", [['cat', "<<'EOF\nx"]], []],
  // csh has here-documents (without `<<-`), fish has none.
  ['csh', 'cat <<EOF\nsetenv A T\nEOF\nsetenv B U', [['cat', '<<EOF'], ['setenv', 'B', 'U']], []],
  ['csh', 'cat <<-EOF\n\tEOF\n-EOF\nx', [['cat', '<<-EOF'], ['x']], []],
  ['posix', 'cat <<-EOF\n\tEOF\n-EOF\nx', [['cat', '<<-EOF'], ['-EOF'], ['x']], []],
  ['fish', 'cat <<EOF\nset -x A T\nEOF', [['cat', '<<EOF'], ['set', '-x', 'A', 'T'], ['EOF']], []],
  // `$'...'` (with backslash escapes) is sh only; in csh the quote is a plain one.
  ['csh', "echo $'\\' b", [['echo', "$'\\'", 'b']], []],
  // In fish a backslash escapes a quote inside single quotes, also inside a command substitution.
  ['fish', "set x (echo 'it\\'s')\nset y 1", [['set', 'x', "(echo 'it\\'s')"], ['set', 'y', '1']], []],
];

describe('shell lexer: words, statements and comments of a start-up file', function () {
  for (const [args, words] of ARGUMENTS) {
    it(`sh words of ${JSON.stringify(args)} are the arguments bash passes`, function () {
      const line = `printf '%s\\0' ${args}`;
      assert.deepEqual(shape(line, 'posix'), { statements: [['printf', "'%s\\0'", ...words]], comments: [] });
      assert.equal(bash(line).split('\0').length - 1, words.length);
    });
  }
  for (const [text, statements] of HERE_DOCUMENTS) {
    it(`sh: ${JSON.stringify(text)} runs the lines bash runs`, function () {
      assert.deepEqual(shape(text, 'posix').statements, statements);
      const ran = bash(text).split('\n').includes('RAN');
      assert.equal(ran, statements.some((words) => words.join(' ') === 'echo RAN'));
    });
  }
  for (const [dialect, text, statements, comments] of CASES) {
    it(`${dialect}: ${JSON.stringify(text)}`, function () {
      assert.deepEqual(shape(text, dialect), { statements, comments });
    });
  }

  it('a parenthesis is a statement of its own, one character long', function () {
    const lexed = lexShell('x;(a)', 'posix');
    assert.deepEqual(
      lexed.statements.map((statement) => [statement.start, statement.end, statement.words.map((word) => [word.raw, word.start, word.end])]),
      [
        [0, 1, [['x', 0, 1]]],
        [2, 3, [['(', 2, 3]]],
        [3, 4, [['a', 3, 4]]],
        [4, 5, [[')', 4, 5]]],
      ],
    );
  });

  it('marks the statement that feeds a here-document, in sh and csh', function () {
    for (const dialect of ['posix', 'csh'] as const) {
      const lexed = lexShell('cat <<EOF\nbody\nEOF\necho done', dialect);
      assert.deepEqual(lexed.statements.map((statement) => statement.hasHereDocument), [true, false], dialect);
    }
  });
});
