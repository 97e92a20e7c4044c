import type * as vscode from 'vscode';
import { ORG_SETTING_NAMES, type OrgSettingName } from '../../core/orgDefaults/orgDefaults';

/**
 * The user's own value of each organisation setting: `inspect().globalValue` only, never a
 * workspace or folder value, so a cloned repository's `.vscode/settings.json` cannot
 * redirect sign-in or requests (the manifest also scopes these settings `application`).
 */
export function readUserSettingLayer(configuration: vscode.WorkspaceConfiguration): Partial<Record<OrgSettingName, unknown>> {
  const user: Partial<Record<OrgSettingName, unknown>> = {};
  for (const name of ORG_SETTING_NAMES) user[name] = configuration.inspect(name)?.globalValue;
  return user;
}
