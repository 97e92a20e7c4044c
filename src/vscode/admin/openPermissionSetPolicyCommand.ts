import * as vscode from 'vscode';
import { generatePermissionSetPolicy } from '../../core/admin/permissionSetPolicy';
import { explainPermissionSetPolicy } from '../../core/admin/permissionSetPolicyExplanation';
import { policyOptionsFromSettings } from '../../core/admin/policyOptionsFromSettings';
import type { ExtensionServices } from '../extensionServices';

/**
 * Opens the developers' permission-set policy (what `bedrock-onboard admin policy` prints),
 * built from the organisation's tag keys, regions and account, with its explanation beside it.
 */
export async function openPermissionSetPolicyCommand(services: ExtensionServices): Promise<void> {
  const { effective } = await services.readSettings();
  const options = policyOptionsFromSettings(effective);
  const policy = generatePermissionSetPolicy(options);
  const json = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(policy, null, 2)}\n` });
  await vscode.window.showTextDocument(json, { preview: false });
  const markdown = await vscode.workspace.openTextDocument({ language: 'markdown', content: explainPermissionSetPolicy(policy, options) });
  await vscode.window.showTextDocument(markdown, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
}
