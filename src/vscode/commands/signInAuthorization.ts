import * as vscode from 'vscode';
import type { SignInAuthorization } from '../../core/sso/signInTypes';

/**
 * The one place the extension decides how sign-in is approved. The browser flow (PKCE)
 * needs the browser's redirect to reach 127.0.0.1 where the extension host runs, which
 * holds on a local desktop; in a remote window or VS Code in a browser it would reach the
 * wrong machine, so there the device code is used, as the AWS Toolkit does. The
 * `signInMethod` setting overrides (e.g. code-server on your own computer).
 */
export function signInAuthorization(): SignInAuthorization {
  const configured = vscode.workspace.getConfiguration('bedrockOnboarding').get<string>('signInMethod', 'auto');
  const localDesktop = vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop;
  const mode = configured === 'browser' ? 'browser' : configured === 'deviceCode' ? 'device-code' : localDesktop ? 'browser' : 'device-code';
  return {
    mode,
    // The URL was built by the core from the SDK's own OIDC endpoint; false (no browser, or the link was declined) falls back to a device code.
    openUrl: async (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
  };
}
