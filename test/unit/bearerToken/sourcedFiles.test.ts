import assert from 'node:assert/strict';
import { sourcedFiles } from '../../../src/core/bearerToken/sourcedFiles';

const HOME = '/home/dev';

describe('sourcedFiles: which files a start-up file reads, known without running the shell', function () {
  it('takes literal, home-relative and absolute paths, quoted as the shell would expand them', function () {
    const text = [
      'source ~/.bash_secrets',
      '. "$HOME/.config/sh/env.sh"',
      "source '/etc/team/profile.sh'",
      '. ${HOME}/dotfiles/aliases',
      '. relative/file.sh',
      'source ~',
      'source ~/.bash_secrets',
      'if true; then source ~//nested/x.sh; fi',
      '.',
      'echo source ~/not-a-source-line',
    ].join('\n');
    assert.deepEqual(sourcedFiles(text, 'posix', HOME), [
      '/home/dev/.bash_secrets',
      '/home/dev/.config/sh/env.sh',
      '/etc/team/profile.sh',
      '/home/dev/dotfiles/aliases',
      '/home/dev/relative/file.sh',
      '/home/dev/nested/x.sh',
    ]);
  });

  it('skips what only the running shell could tell: other variables, globs, substitutions, unexpanded quotes', function () {
    const text = [
      '. "$DIR/x.sh"',
      'source ~/conf.d/*.sh',
      'source ~/file?.sh',
      'source ~/[ab].sh',
      'source ~/{a,b}.sh',
      'source "$(pwd)/x.sh"',
      'source `pwd`/x.sh',
      'source ~/back\\slash.sh',
      "source '~/single-quoted-tilde.sh'",
      "source '$HOME/single-quoted-home.sh'",
      'source "~/double-quoted-tilde.sh"',
      'source ~/"half-quoted.sh"',
      'source "$HOME/quoted"-then-not.sh',
      'source $HOME',
      'source ~/',
      'source "',
    ].join('\n');
    assert.deepEqual(sourcedFiles(text, 'posix', HOME), []);
  });

  it('knows each dialect: csh has no `.` command, fish has both', function () {
    const text = 'source ~/a.csh\n. ~/b.sh\n';
    assert.deepEqual(sourcedFiles(text, 'csh', HOME), ['/home/dev/a.csh']);
    assert.deepEqual(sourcedFiles(text, 'fish', HOME), ['/home/dev/a.csh', '/home/dev/b.sh']);
    assert.deepEqual(sourcedFiles(text, 'posix', HOME), ['/home/dev/a.csh', '/home/dev/b.sh']);
  });

  it('expands $HOME inside double quotes and leaves ~ only where it starts the word', function () {
    assert.deepEqual(sourcedFiles('source "${HOME}/x"\nsource a~/y\nsource ~user/z\n', 'posix', HOME), ['/home/dev/x', '/home/dev/a~/y', '/home/dev/~user/z']);
  });
});
