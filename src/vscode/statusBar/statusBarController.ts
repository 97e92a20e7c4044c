import * as vscode from 'vscode';
import type { SignInState } from '../../core/sso/signInState';
import { COST_TOOLTIP_COMMANDS, type CostStatusView } from '../cost/costStatusView';

export const STATUS_BAR_ITEM_ID = 'bedrockOnboarding.status';

/** Everything the item shows, gathered by the caller from local files and the cost cache. */
export interface StatusBarView {
  readonly signIn: SignInState | undefined;
  readonly profileName: string;
  /** Month-to-date cost, shown while signed in (absent: not read yet, or turned off). */
  readonly cost?: CostStatusView | undefined;
  /** Set while AWS_BEARER_TOKEN_BEDROCK is somewhere Claude Code reads it: shown on top of everything else. */
  readonly bearerToken?: BearerTokenStatusView | undefined;
}

/** Where the latest scan found AWS_BEARER_TOKEN_BEDROCK: `file:line (what the file is)`, never the value. */
export interface BearerTokenStatusView {
  readonly places: readonly string[];
}

/** What the item shows, as plain data: for the extension API's diagnostics and the extension-host tests. */
export interface StatusBarSnapshot {
  readonly text: string;
  readonly tooltip: string;
  readonly command: string | undefined;
  readonly backgroundColor: string | undefined;
  readonly accessibilityLabel: string | undefined;
}

const BEARER_TOKEN_COMMAND = 'bedrockOnboarding.checkBearerToken';
const REMOVE_BEARER_TOKEN_COMMAND = 'bedrockOnboarding.removeBearerToken';

// ThemeColor keeps its id private in the typings this extension compiles against.
const colorIds = new WeakMap<vscode.ThemeColor, string>();

function themeColor(id: string): vscode.ThemeColor {
  const color = new vscode.ThemeColor(id);
  colorIds.set(color, id);
  return color;
}

function colorId(color: vscode.ThemeColor | undefined): string | undefined {
  return color === undefined ? undefined : colorIds.get(color);
}

/**
 * The one status bar item: the developer's state at a glance, and a click that leads
 * to the next useful step. It only renders; `refresh()` callers gather the data.
 */
export class StatusBarController implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Claude Code on Bedrock');
    this.render({ signIn: undefined, profileName: '' });
    this.item.show();
  }

  render(view: StatusBarView): void {
    this.renderState(view);
    if (view.bearerToken && view.bearerToken.places.length > 0) renderBearerToken(this.item, view.bearerToken);
  }

  snapshot(): StatusBarSnapshot {
    const { text, tooltip, command, backgroundColor, accessibilityInformation } = this.item;
    return {
      text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      command: typeof command === 'string' ? command : command?.command,
      backgroundColor: colorId(backgroundColor),
      accessibilityLabel: accessibilityInformation?.label,
    };
  }

  private renderState(view: StatusBarView): void {
    const item = this.item;
    const state = view.signIn;
    item.backgroundColor = undefined;
    if (!state || state.status === 'not-configured') {
      item.text = `$(cloud) ${vscode.l10n.t('Set up Claude on Bedrock')}`;
      item.tooltip = vscode.l10n.t('Claude Code on Bedrock is not set up on this machine yet. Click to set it up.');
      item.command = 'bedrockOnboarding.setUp';
      item.accessibilityInformation = { label: vscode.l10n.t('Set up Claude Code on Bedrock'), role: 'button' };
      return;
    }
    if (state.status === 'signed-out' || state.status === 'expired') {
      item.text = `$(account) ${vscode.l10n.t('Sign in to Bedrock')}`;
      // An expired session surprises; a deliberate Sign Out does not, so it is not a warning.
      if (state.status === 'expired') item.backgroundColor = themeColor('statusBarItem.warningBackground');
      item.tooltip = signInTooltip(view);
      item.command = 'bedrockOnboarding.signIn';
      const label = state.status === 'expired' ? vscode.l10n.t('AWS SSO session expired. Sign in to Bedrock.') : vscode.l10n.t('Not signed in to AWS SSO. Sign in to Bedrock.');
      item.accessibilityInformation = { label, role: 'button' };
      return;
    }
    item.text = `$(cloud) ${vscode.l10n.t('Claude Bedrock')}`;
    item.tooltip = signInTooltip(view);
    item.command = 'bedrockOnboarding.showLog';
    item.accessibilityInformation = { label: vscode.l10n.t('Claude Code on Bedrock: signed in as profile {0}', view.profileName) };
    if (view.cost) renderCost(item, view, view.cost);
  }

  dispose(): void {
    this.item.dispose();
  }
}

/**
 * A Bedrock API key overrides the SSO identity, which makes everything else the item
 * says (sign-in, cost) misleading: so a warning first, while what it shows otherwise
 * stays visible, and a click that leads to removing the key.
 */
function renderBearerToken(item: vscode.StatusBarItem, bearer: BearerTokenStatusView): void {
  const markdown = new vscode.MarkdownString(undefined, true);
  const previous = item.tooltip;
  const previousCommands = previous instanceof vscode.MarkdownString && typeof previous.isTrusted === 'object' ? previous.isTrusted.enabledCommands : [];
  markdown.isTrusted = { enabledCommands: [BEARER_TOKEN_COMMAND, REMOVE_BEARER_TOKEN_COMMAND, ...previousCommands] };
  markdown.appendMarkdown(`$(warning) **${vscode.l10n.t('{0} overrides your SSO identity', 'AWS_BEARER_TOKEN_BEDROCK')}**\n\n`);
  markdown.appendMarkdown(`${vscode.l10n.t('Claude Code signs Bedrock requests with that API key instead of your SSO sign-in while it is set in:')}\n\n`);
  for (const place of bearer.places) {
    markdown.appendMarkdown('- ');
    markdown.appendText(place);
    markdown.appendMarkdown('\n');
  }
  markdown.appendMarkdown(`\n[${vscode.l10n.t('Remove It…')}](command:${REMOVE_BEARER_TOKEN_COMMAND})\n\n---\n\n`);
  if (previous instanceof vscode.MarkdownString) markdown.appendMarkdown(previous.value);
  else if (previous !== undefined) markdown.appendText(previous);
  item.tooltip = markdown;
  item.text = `$(warning) ${item.text}`;
  // An exhausted budget (error) stays red; everything else turns to the warning colour.
  const error = colorId(item.backgroundColor) === 'statusBarItem.errorBackground';
  if (!error) item.backgroundColor = themeColor('statusBarItem.warningBackground');
  item.command = BEARER_TOKEN_COMMAND;
  const warning =
    bearer.places.length === 1
      ? vscode.l10n.t('Warning: AWS_BEARER_TOKEN_BEDROCK overrides your SSO identity; it is set in {0}. Activate to remove it.', bearer.places[0] ?? '')
      : vscode.l10n.t('Warning: AWS_BEARER_TOKEN_BEDROCK overrides your SSO identity; it is set in {0} places. Activate to remove it.', bearer.places.length);
  item.accessibilityInformation = { label: `${warning} ${item.accessibilityInformation?.label ?? ''}`.trim(), role: 'button' };
}

function renderCost(item: vscode.StatusBarItem, view: StatusBarView, cost: CostStatusView): void {
  item.text = cost.text;
  const tooltip = signInTooltip(view);
  tooltip.isTrusted = { enabledCommands: [...['bedrockOnboarding.signIn', 'bedrockOnboarding.signOut', 'bedrockOnboarding.showLog'], ...COST_TOOLTIP_COMMANDS] };
  tooltip.appendMarkdown(`\n\n---\n\n${cost.tooltipMarkdown}`);
  item.tooltip = tooltip;
  item.command = 'bedrockOnboarding.showCostDetails';
  item.backgroundColor = cost.level === 'normal' ? undefined : themeColor(cost.level === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
  item.accessibilityInformation = { label: cost.accessibilityLabel, role: 'button' };
}

function signInTooltip(view: StatusBarView): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.isTrusted = { enabledCommands: ['bedrockOnboarding.signIn', 'bedrockOnboarding.signOut', 'bedrockOnboarding.showLog'] };
  const state = view.signIn;
  const profile = state?.profile;
  markdown.appendMarkdown(`**${vscode.l10n.t('Claude Code on Bedrock')}**\n\n`);
  if (profile) {
    markdown.appendMarkdown(`$(account) ${vscode.l10n.t('Profile {0}: role {1} in account {2}', profile.profileName, profile.roleName ?? '?', profile.accountId ?? '?')}\n\n`);
  }
  if (state?.status === 'signed-in' && state.tokenExpiresAt) {
    markdown.appendMarkdown(`$(clock) ${vscode.l10n.t('Session valid until {0}', state.tokenExpiresAt.toLocaleString())}\n\n`);
  } else if (state?.status === 'expired') {
    markdown.appendMarkdown(`$(warning) ${vscode.l10n.t('The AWS SSO session expired at {0}.', state.tokenExpiresAt?.toLocaleString() ?? '?')}${state.refreshable ? ' ' + vscode.l10n.t('Claude Code may renew it by itself; sign in if it cannot.') : ''}\n\n`);
  } else if (state?.status === 'signed-out') {
    markdown.appendMarkdown(`$(warning) ${vscode.l10n.t('Not signed in.')}\n\n`);
  }
  markdown.appendMarkdown(`[${vscode.l10n.t('Sign In')}](command:bedrockOnboarding.signIn) · [${vscode.l10n.t('Sign Out')}](command:bedrockOnboarding.signOut) · [${vscode.l10n.t('Log')}](command:bedrockOnboarding.showLog)`);
  return markdown;
}
