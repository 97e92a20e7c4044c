import assert from 'node:assert/strict';
import type { SetupCheck } from '../../../src/core/doctor/setupCheck';
import { renderSetupReportHtml } from '../../../src/vscode/doctor/setupReportHtml';

const labels = { heading: 'Setup', recheck: 'Check Again', copy: 'Copy Report', running: 'Checking…' };
const checks: SetupCheck[] = [
  { id: 'sso-token', title: 'SSO sign-in', status: 'fail', detail: 'You are not signed in <now>.', fix: { title: 'Sign in with AWS SSO', command: 'bedrockOnboarding.signIn', cli: 'bedrock-onboard login' } },
  { id: 'claude-cli', title: 'Claude Code CLI', status: 'fail', detail: 'Not on PATH.', fix: { title: 'Install Claude Code', cli: 'npm install -g @anthropic-ai/claude-code' } },
  { id: 'bearer-token', title: 'Bearer', status: 'warn', detail: 'Unreadable.', locations: [{ file: '/h/.bashrc', line: 4 }], fix: { title: 'Remove it', command: 'bedrockOnboarding.notRegistered' } },
  { id: 'identity', title: 'AWS identity', status: 'pass', detail: 'Signed in as arn.' },
];

describe('Check Setup view HTML', () => {
  const html = renderSetupReportHtml({ checks, availableCommands: new Set(['bedrockOnboarding.signIn']), labels, nonce: 'n0nce', cspSource: 'vscode-resource:' });

  it('shows each check with its icon and escapes the text', () => {
    assert.match(html, /<div class="check fail" data-id="sso-token">\s*<span class="icon" role="img" aria-label="Failed">✗<\/span>/);
    assert.match(html, /aria-label="Warning">⚠/);
    assert.match(html, /aria-label="Passed">✓/);
    assert.ok(html.includes('You are not signed in &lt;now&gt;.'));
    assert.ok(!html.includes('<now>'));
  });

  it('makes a button only for a fix whose command is registered, and shows the others as text', () => {
    assert.match(html, /<button data-command="bedrockOnboarding\.signIn">Sign in with AWS SSO<\/button>/);
    assert.ok(!html.includes('data-command="bedrockOnboarding.notRegistered"'));
    assert.match(html, /<span>Remove it<\/span>/);
    assert.match(html, /Install Claude Code: <code>npm install -g @anthropic-ai\/claude-code<\/code>/);
    assert.match(html, /\/h\/\.bashrc:4/);
  });

  it('allows only its own nonce-tagged script and style, and offers Check Again and Copy Report', () => {
    assert.match(html, /script-src 'nonce-n0nce'/);
    assert.equal((html.match(/<script /g) ?? []).length, 1);
    assert.match(html, /<script nonce="n0nce">/);
    assert.match(html, /<button id="recheck">Check Again<\/button><button id="copy" class="secondary">Copy Report<\/button>/);
    assert.match(html, /will not work until the failures are fixed/);
  });

  it('shows a running state with the buttons disabled before the first result', () => {
    const running = renderSetupReportHtml({ checks: undefined, availableCommands: new Set(), labels, nonce: 'x', cspSource: 's' });
    assert.match(running, /<p>Checking…<\/p>/);
    assert.match(running, /<button id="recheck" disabled>/);
  });
});
