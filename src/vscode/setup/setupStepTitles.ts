import * as vscode from 'vscode';
import type { SetupStepId } from '../../core/setup/setupSteps';

/** The stage names the progress notification and the summary use (the walkthrough has its own, in package.nls.json). */
export function stepTitle(step: SetupStepId): string {
  switch (step) {
    case 'sign-in':
      return vscode.l10n.t('Sign in and choose your account and role');
    case 'inference-profile':
      return vscode.l10n.t('Find your inference profile');
    case 'claude-settings':
      return vscode.l10n.t('Configure Claude Code');
    case 'bearer-token':
      return vscode.l10n.t('Check for AWS_BEARER_TOKEN_BEDROCK');
    case 'test-connection':
      return vscode.l10n.t('Test the connection');
    case 'cost':
      return vscode.l10n.t('Read your month-to-date cost');
    case 'claude-cli':
      return vscode.l10n.t('Check that Claude Code is installed');
  }
}
