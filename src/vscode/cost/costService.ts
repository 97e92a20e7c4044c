import * as vscode from 'vscode';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { readCostReport, type CostReport } from '../../core/cost/costReport';
import { costReportOptions, developerCostPlan, readDeveloperCostHints } from '../../core/cost/costReportOptions';
import type { ExtensionServices } from '../extensionServices';
import { setupStatePath } from '../setup/setupRunDependencies';
import { costSettingsInput } from './costSettingsInput';

/** How often each window re-reads the shared cache and the transcripts; the cache alone decides when Cost Explorer is asked. */
const LOCAL_READ_INTERVAL_MS = 5 * 60_000;
/** Activation makes no request: the first read waits until the window has settled. */
const FIRST_READ_DELAY_MS = 8_000;

/**
 * The window's view of the month-to-date cost. Every window reads the same cache file in
 * global storage; whichever one finds it due refreshes it under a cross-process lock.
 */
export class CostService implements vscode.Disposable {
  private latest: CostReport | undefined;
  private lastReadAt = 0;
  private running: Promise<CostReport | undefined> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly activatedAt = Date.now();
  private enabled = true;
  private holds = 0;

  constructor(private readonly services: ExtensionServices) {}

  /** The last report read, if cost is shown at all. */
  current(): CostReport | undefined {
    return this.enabled ? this.latest : undefined;
  }

  /**
   * Called whenever the sign-in state is read. Signed out: nothing (and no request).
   * Signed in: reads the cost when the last read is older than the local interval,
   * never during the first seconds after activation.
   */
  signInStateRead(signedIn: boolean): void {
    if (!signedIn || this.running || this.holds > 0) return;
    const sinceActivation = Date.now() - this.activatedAt;
    if (sinceActivation < FIRST_READ_DELAY_MS) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.signInStateRead(true);
      }, FIRST_READ_DELAY_MS - sinceActivation);
      return;
    }
    if (Date.now() - this.lastReadAt < LOCAL_READ_INTERVAL_MS) return;
    void this.read(false);
  }

  /**
   * No automatic read while `work` runs. Set Up reads the cost itself once it knows the
   * chosen profile; a read of ours in between (signed in, profile not chosen yet) would ask
   * Cost Explorer under another cache key and pay for a second request. Afterwards the next
   * state read finds Set Up's answer in the shared cache.
   */
  async withoutAutomaticReads<T>(work: () => PromiseLike<T>): Promise<T> {
    const hold = this.hold();
    try {
      return await work();
    } finally {
      hold.dispose();
    }
  }

  /**
   * Holds automatic reads back, once any read under way has finished, until the handle is
   * disposed; Refresh Cost still reads. For a caller that counts the requests its own
   * commands make (the extension-host tests): the first automatic read fires
   * FIRST_READ_DELAY_MS after activation, whatever the home holds at that moment.
   */
  async holdAutomaticReads(): Promise<vscode.Disposable> {
    const hold = this.hold();
    try {
      await this.running;
    } catch {
      // A manual read's failure reached the command that asked for it.
    }
    return hold;
  }

  /** The Refresh Cost command: asks Cost Explorer now unless it was asked in the last minute. */
  async refreshNow(): Promise<CostReport | undefined> {
    if (this.running) await this.running;
    return this.read(true);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** One hold on automatic reads; disposing it more than once releases it once. */
  private hold(): vscode.Disposable {
    this.holds++;
    let held = true;
    return new vscode.Disposable(() => {
      if (held) this.holds--;
      held = false;
    });
  }

  private read(manual: boolean): Promise<CostReport | undefined> {
    const running = this.readOnce(manual).finally(() => {
      this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async readOnce(manual: boolean): Promise<CostReport | undefined> {
    const { services } = this;
    this.lastReadAt = Date.now();
    try {
      const environment = services.environment;
      // Set Up's state names the chosen profile before Claude Code's settings do: the same
      // query (and cache key) as Set Up's own cost step, so a resumed Set Up asks nothing again.
      const plan = developerCostPlan(costSettingsInput(await services.readSettings()), await readDeveloperCostHints(environment, setupStatePath(services)));
      this.enabled = plan.source !== 'off';
      if (!this.enabled) return undefined;
      services.logger.debug(`Reading the month-to-date cost (${manual ? 'Refresh Cost' : 'automatic'}) for query ${plan.queryKey}.`);
      this.latest = await readCostReport(
        costReportOptions(plan, {
          cacheDir: services.context.globalStorageUri.fsPath,
          environment,
          fetchBilled: (query) => loadAwsOperations().fetchDeveloperBilledCost({ query, now: environment.now(), logger: services.logger }),
          logger: services.logger,
        }),
        { manual },
      );
      services.stateChanged.fire();
      return this.latest;
    } catch (error) {
      services.logger.warn(`Could not read the month-to-date cost: ${error instanceof Error ? error.message : String(error)}`);
      if (manual) throw error;
      return undefined;
    }
  }
}
