import type { FrameLocator, Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../../../scripts/vscode-host/waitUntil';
import { SCREENSHOTS_DIR } from './artifacts';

/**
 * The few DOM members the page callbacks use. The project compiles without the DOM
 * library (it is Node code), so the callbacks name their element type themselves.
 */
interface BrowserElement {
  readonly id: string;
  readonly className: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): { readonly textContent: string | null } | null;
}

export interface StatusBarEntry {
  readonly id: string;
  readonly text: string;
  readonly ariaLabel: string;
  /** Codicons in the text (`$(warning)` renders as `codicon-warning`): `['warning', 'graph']`. */
  readonly icons: readonly string[];
  /** The colour the workbench gives the item: `warning` / `error` for those backgrounds, else undefined. */
  readonly kind: 'warning' | 'error' | undefined;
  /** The item's CSS classes: the workbench marks a warning/error background with `warning-kind`/`error-kind`. */
  readonly classes: readonly string[];
}

export interface Notification {
  readonly message: string;
  readonly source: string;
  readonly actions: readonly string[];
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

/**
 * What a person does in the workbench, as Playwright steps with the selectors VS Code
 * renders (code-server 4.139 / Code 1.139). Every wait is bounded and says what it waited for.
 */
export class UserActions {
  constructor(
    private readonly page: Page,
    private readonly timeoutMs = 60_000,
  ) {}

  /**
   * F1, `>` + the title, then the palette row whose label is exactly `title`. Retried until
   * the timeout: a contributed command is listed only once the extension host registered it.
   */
  async runCommand(title: string): Promise<void> {
    await waitUntil(`the command "${title}" in the command palette`, this.timeoutMs, async () => {
      // A window that takes the focus as the palette opens (the walkthrough on first start,
      // a webview) closes it again; open it anew rather than wait on a closed one.
      if (!(await this.openQuickInput(`>${title}`))) return false;
      const row = await this.exactRow(title);
      if (row === undefined) {
        await this.page.keyboard.press('Escape');
        return false;
      }
      // The palette can also close between the filter and the click; then nothing ran, so try again.
      return row.click({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
    }, 500);
  }

  /** All labels the palette lists for `>query`, scrolling through the whole (virtual) list. */
  async paletteLabels(query: string, options: { screenshot?: string } = {}): Promise<string[]> {
    await waitUntil('the command palette to open with the query', this.timeoutMs, () => this.openQuickInput(`>${query}`));
    if (options.screenshot !== undefined) await this.screenshot(options.screenshot);
    const labels = await this.collectQuickPickLabels();
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** Waits until the open quick pick lists `label`, without choosing it (e.g. for a screenshot). */
  async waitForItem(label: string): Promise<void> {
    await waitUntil(`the item "${label}" in the quick pick`, this.timeoutMs, async () => (await this.exactRow(label)) !== undefined);
  }

  /** Clicks the item of the open quick pick whose label is exactly `label`. */
  async pickItem(label: string): Promise<void> {
    await waitUntil(`the item "${label}" in the quick pick`, this.timeoutMs, async () => {
      const row = await this.exactRow(label);
      if (row === undefined) return false;
      await row.click();
      return true;
    });
  }

  /** Types into the open input box (or quick pick filter) and presses Enter. */
  async typeInput(text: string, options: { submit?: boolean } = {}): Promise<void> {
    const box = this.page.locator(QUICK_INPUT_BOX);
    await box.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await box.fill(text);
    if (options.submit ?? true) await box.press('Enter');
  }

  /** The status bar item with this DOM id (`<publisher>.<extension name>.<item id>`). */
  async readStatusBar(id: string): Promise<StatusBarEntry> {
    const item = this.page.locator(`.statusbar .statusbar-item[id="${id}"]`);
    try {
      await item.waitFor({ state: 'attached', timeout: this.timeoutMs });
    } catch {
      const present = await this.statusBarIds();
      throw new Error(`No status bar item with id "${id}" within ${this.timeoutMs / 1000} s; present: ${present.join(', ')}`);
    }
    const icons = await item.locator('.codicon').evaluateAll((elements: readonly BrowserElement[]) =>
      elements.flatMap((element) => element.className.split(/\s+/).filter((name) => name.startsWith('codicon-')).map((name) => name.slice('codicon-'.length))),
    );
    const classes = ((await item.getAttribute('class')) ?? '').split(/\s+/).filter(Boolean);
    const kind = classes.includes('warning-kind') ? 'warning' : classes.includes('error-kind') ? 'error' : undefined;
    return { id, text: (await item.innerText()).trim(), ariaLabel: (await item.getAttribute('aria-label')) ?? '', icons, kind, classes };
  }

  /**
   * The document of the webview panel whose tab title is `title`. A webview is two
   * iframes deep: the workbench's host frame (`iframe.webview`) and the content frame
   * (`#active-frame`) it loads the extension's HTML into. Only the visible one is chosen.
   */
  async webview(title: string): Promise<FrameLocator> {
    await this.page.locator('.tabs-container .tab', { hasText: title }).first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    const host = this.page.locator('iframe.webview.ready:visible');
    await host.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return host.first().contentFrame().frameLocator('#active-frame');
  }

  /** Clicks `label` on the modal dialog (a `modal: true` message) that is open. */
  async clickDialogButton(label: string): Promise<void> {
    const button = this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label });
    await button.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await button.first().click();
  }

  /** The message of the open modal dialog. */
  async readDialog(): Promise<{ message: string; detail: string }> {
    const box = this.page.locator('.monaco-dialog-box');
    await box.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return {
      message: (await box.locator('.dialog-message-text').innerText().catch(() => '')).trim(),
      detail: (await box.locator('.dialog-message-detail').innerText().catch(() => '')).trim(),
    };
  }

  /** Moves the mouse onto the status bar item and returns the text of the hover it opens; the mouse then leaves. */
  async hoverStatusBar(id: string): Promise<string> {
    const item = this.page.locator(`.statusbar .statusbar-item[id="${id}"]`);
    await item.hover();
    const hover = this.page.locator('.workbench-hover-container .workbench-hover, .monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible', timeout: this.timeoutMs });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    return text;
  }

  /** Moves the mouse to the middle of the editor area and waits for any hover to close. */
  async moveMouseAway(): Promise<void> {
    await this.page.mouse.move(600, 300);
    await this.page.locator('.workbench-hover-container .workbench-hover').first().waitFor({ state: 'hidden', timeout: this.timeoutMs }).catch(() => undefined);
  }

  async statusBarIds(): Promise<string[]> {
    return this.page.locator('.statusbar .statusbar-item').evaluateAll((items: readonly BrowserElement[]) => items.map((item) => item.id).filter((id) => id !== ''));
  }

  /**
   * Every notification, read from the notification center (toasts are hidden when the
   * workbench runs with the smoke-test driver), which is closed again afterwards.
   */
  async readNotifications(): Promise<Notification[]> {
    await this.showNotificationCenter();
    const items = this.page.locator('.notifications-center .notification-list-item');
    const notifications: Notification[] = [];
    for (const item of await items.all()) {
      notifications.push({
        message: (await item.locator('.notification-list-item-message').innerText()).trim(),
        source: (await item.locator('.notification-list-item-source').innerText().catch(() => '')).trim(),
        actions: (await item.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((text) => text.trim()),
      });
    }
    await this.page.keyboard.press('Escape');
    return notifications;
  }

  /** Clicks `action` on the notification whose message contains `message`. */
  async clickNotificationAction(message: string | RegExp, action: string): Promise<void> {
    await waitUntil(`a notification "${String(message)}" with the action "${action}"`, this.timeoutMs, async () => {
      await this.showNotificationCenter();
      const item = this.page.locator('.notifications-center .notification-list-item').filter({ has: this.page.locator('.notification-list-item-message', { hasText: message }) });
      if ((await item.count()) === 0) return false;
      const button = item.first().locator('.notification-list-item-buttons-container .monaco-button', { hasText: action });
      if ((await button.count()) === 0) return false;
      await button.first().click();
      return true;
    }, 500);
  }

  /** The text the Output panel shows for the channel it has selected. */
  async readOutputPanel(): Promise<string> {
    const lines = this.page.locator('.part.panel .output-view .monaco-editor .view-lines');
    await lines.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return (await lines.innerText()).replace(/\u00a0/g, ' ');
  }

  /** The title of the open question box, e.g. "Set Up (4/5)". */
  async quickInputTitle(): Promise<string> {
    const title = this.page.locator(`${QUICK_INPUT} .quick-input-title`);
    await title.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return normalise(await title.innerText());
  }

  /** Presses the Back button of the open question box. */
  async pressBack(): Promise<void> {
    const back = this.page.locator(`${QUICK_INPUT} .quick-input-titlebar .codicon-quick-input-back, ${QUICK_INPUT} .quick-input-titlebar [aria-label="Back"]`).first();
    await back.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await back.click();
  }

  /** Whether the walkthrough shows the step whose id ends in `stepId` ticked (opens the walkthrough first). */
  async walkthroughStepTicked(stepId: string): Promise<boolean> {
    await this.runCommand('Claude Bedrock: Open Walkthrough');
    const step = this.page.locator(`button.getting-started-step[data-step-id$="${stepId}"]`).first();
    await step.waitFor({ state: 'attached', timeout: this.timeoutMs });
    const checked = await step.getAttribute('aria-checked');
    const icon = await step.locator('.codicon-getting-started-step-checked').count();
    return checked === 'true' || icon > 0;
  }

  /** Saves a full-window PNG as .e2e-artifacts/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const path = join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Opens the palette with `value` typed in; false when it closed again before the text was in. */
  private async openQuickInput(value: string): Promise<boolean> {
    const box = this.page.locator(QUICK_INPUT_BOX);
    // Start from a closed palette: one that is still closing cannot be typed into.
    await this.page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    await this.page.keyboard.press('F1');
    // F1 is lost when it lands as a window takes the focus (the walkthrough opening on first
    // start, on a loaded machine seconds later): report it, and the caller presses it again.
    const opened = await box.waitFor({ state: 'visible', timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (!opened) return false;
    try {
      await box.fill(value, { timeout: 5_000 });
    } catch {
      return false;
    }
    // The list filters asynchronously; give it a moment to settle on the new value.
    await this.page.waitForTimeout(300);
    return true;
  }

  private async exactRow(label: string): Promise<Locator | undefined> {
    const rows = this.page.locator(QUICK_INPUT_ROW);
    for (const row of await rows.all()) {
      const text = (await row.locator('.label-name').first().innerText().catch(() => '')).trim();
      if (normalise(text) === normalise(label)) return row;
    }
    return undefined;
  }

  private async collectQuickPickLabels(): Promise<string[]> {
    // The list is virtual: only the rows on screen exist in the DOM. Each row carries its
    // position and the list's size (aria-posinset / aria-setsize), so page down until every
    // position has been seen.
    const byPosition = new Map<number, string>();
    let size = 0;
    for (let step = 0; step < 200; step++) {
      const rows = await this.page.locator(QUICK_INPUT_ROW).evaluateAll((elements: readonly BrowserElement[]) =>
        elements.map((element) => ({
          position: Number(element.getAttribute('aria-posinset')),
          size: Number(element.getAttribute('aria-setsize')),
          label: element.querySelector('.label-name')?.textContent ?? '',
        })),
      );
      for (const row of rows) {
        byPosition.set(row.position, normalise(row.label));
        size = Math.max(size, row.size);
      }
      if (byPosition.size >= size) break;
      await this.page.keyboard.press('PageDown');
      await this.page.waitForTimeout(100);
    }
    if (byPosition.size < size) throw new Error(`Read ${byPosition.size} of the ${size} items the quick pick lists.`);
    return [...byPosition.entries()].sort(([a], [b]) => a - b).map(([, label]) => label);
  }

  /** Opens the notification center (toasts are hidden under the smoke-test driver), e.g. for a screenshot. */
  async showNotifications(): Promise<void> {
    await this.showNotificationCenter();
  }

  private async showNotificationCenter(): Promise<void> {
    const center = this.page.locator('.notifications-center.visible');
    // Like the palette, the center closes when an editor opening at that moment (the
    // walkthrough on first start) takes the focus: open it again rather than wait on it.
    await waitUntil('the notification center to open', this.timeoutMs, async () => {
      if (await center.isVisible()) return true;
      await this.page.keyboard.press('Escape');
      await this.runCommand('Notifications: Show Notifications');
      return center.waitFor({ state: 'visible', timeout: 5_000 }).then(
        () => true,
        () => false,
      );
    });
  }
}

/** Labels render highlights and non-breaking spaces; compare them as plain text. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
