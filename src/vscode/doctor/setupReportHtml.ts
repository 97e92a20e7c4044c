import type { SetupCheck } from '../../core/doctor/setupCheck';
import { STATUS_ICONS, summaryLine } from '../../core/doctor/setupReportText';

/** What a screen reader says for each icon (the icon is an image with this name). */
const STATUS_NAMES: Readonly<Record<string, string>> = { pass: 'Passed', warn: 'Warning', fail: 'Failed', skip: 'Skipped' };
import { escapeHtml } from '../../core/html/escapeHtml';
import { redactSecrets } from '../../core/secrets/redact';

/** Words of the page, already localised by the caller (this module must not import vscode, so it can be tested in Node). */
export interface SetupReportLabels {
  readonly heading: string;
  readonly recheck: string;
  readonly copy: string;
  readonly running: string;
}

export interface SetupReportPage {
  readonly checks: readonly SetupCheck[] | undefined;
  /** Commands that exist in this window; other fixes are shown as text. */
  readonly availableCommands: ReadonlySet<string>;
  readonly labels: SetupReportLabels;
  /** A fresh random value per render, for the Content-Security-Policy. */
  readonly nonce: string;
  readonly cspSource: string;
}

/**
 * The Check Setup view: one row per check with its icon, detail, locations and a fix
 * button, plus Re-check and Copy report. Buttons post messages to the extension, which
 * runs only commands named in the current report; the page itself can run nothing.
 */
export function renderSetupReportHtml(page: SetupReportPage): string {
  const rows = page.checks === undefined ? `<p>${escapeHtml(page.labels.running)}</p>` : page.checks.map((check) => row(check, page.availableCommands)).join('\n');
  const summary = page.checks === undefined ? '' : `<p class="summary">${escapeHtml(summaryLine(page.checks))}</p>`;
  const disabled = page.checks === undefined ? ' disabled' : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${page.cspSource} 'nonce-${page.nonce}'; script-src 'nonce-${page.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${page.nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em; }
  .check { display: grid; grid-template-columns: 1.5em 1fr auto; gap: 0.25em 0.75em; padding: 0.6em 0; border-bottom: 1px solid var(--vscode-panel-border); }
  .icon { font-size: 1.2em; }
  .pass .icon { color: var(--vscode-testing-iconPassed); }
  .warn .icon { color: var(--vscode-editorWarning-foreground); }
  .fail .icon { color: var(--vscode-errorForeground); }
  .skip { opacity: 0.7; }
  .title { font-weight: bold; }
  .where { font-family: var(--vscode-editor-font-family); font-size: 0.9em; opacity: 0.85; }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 0.3em 0.8em; cursor: pointer; }
  button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
  .actions { margin: 1em 0; display: flex; gap: 0.5em; }
</style>
</head>
<body>
<h1>${escapeHtml(page.labels.heading)}</h1>
<div class="actions"><button id="recheck"${disabled}>${escapeHtml(page.labels.recheck)}</button><button id="copy" class="secondary"${disabled}>${escapeHtml(page.labels.copy)}</button></div>
${summary}
${rows}
<script nonce="${page.nonce}">
  const vscode = acquireVsCodeApi();
  document.getElementById('recheck').addEventListener('click', () => vscode.postMessage({ type: 'recheck' }));
  document.getElementById('copy').addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
  for (const button of document.querySelectorAll('button[data-command]')) {
    button.addEventListener('click', () => vscode.postMessage({ type: 'fix', command: button.dataset.command }));
  }
</script>
</body>
</html>
`;
}

function row(check: SetupCheck, availableCommands: ReadonlySet<string>): string {
  const locations = check.status === 'pass' ? [] : (check.locations ?? []);
  const where = locations.map((l) => `<div class="where">${escapeHtml(l.file)}${l.line !== undefined ? `:${l.line}` : ''}</div>`).join('');
  const fix = check.status === 'pass' ? undefined : check.fix;
  let action = '';
  if (fix?.command !== undefined && availableCommands.has(fix.command)) action = `<button data-command="${escapeHtml(fix.command)}">${escapeHtml(fix.title)}</button>`;
  else if (fix) action = `<span>${escapeHtml(fix.title)}${fix.cli ? `: <code>${escapeHtml(fix.cli)}</code>` : ''}</span>`;
  return `<div class="check ${check.status}" data-id="${check.id}">
  <span class="icon" role="img" aria-label="${STATUS_NAMES[check.status]}">${STATUS_ICONS[check.status]}</span>
  <div><div class="title">${escapeHtml(check.title)}</div><div>${escapeHtml(redactSecrets(check.detail))}</div>${where}</div>
  <div>${action}</div>
</div>`;
}
