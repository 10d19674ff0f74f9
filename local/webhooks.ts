// The local stack's webhook sender: what SQS and lambdas/webhook do in AWS, in memory. A notice is
// tried at once, then after growing pauses; one that still fails is given up and logged, as the
// dead-letter queue would hold it. The request that queued it never waits for a delivery. Notices
// live in memory only: a stop drops those not yet delivered (a webhook is a courtesy; the receipt is
// the record).
import type { WebhookNotice, WebhookQueue } from '../lambdas/common/webhook-events.ts';
import type { ExpiryAlarm } from '../lambdas/common/webhook-expiry.ts';
import { sendNotice, type SendDeps } from '../lambdas/common/webhook-send.ts';

/** Pauses before the 2nd, 3rd, … tries: five tries in all over about a minute and a half. */
export const LOCAL_WEBHOOK_BACKOFF_MS = [1_000, 5_000, 20_000, 60_000] as const;

/**
 * The expiry alarms EventBridge Scheduler keeps in AWS (lambdas/common/webhook-expiry.ts), as timers:
 * when one comes due its notice goes to the sender, which tells only a secret that did expire. In
 * memory, like the notices: a stop drops the alarms not yet due.
 */
export class LocalExpiryAlarm implements ExpiryAlarm {
  readonly #queue: WebhookQueue;
  readonly #now: () => Date;
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopped = false;

  constructor(queue: WebhookQueue, now: () => Date = () => new Date()) {
    this.#queue = queue;
    this.#now = now;
  }

  set(notice: WebhookNotice, at: Date): Promise<void> {
    if (this.#stopped) return Promise.reject(new Error('the expiry alarms are stopped'));
    // A moment after the expiry, never before it (the sender would only put it off).
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        this.#queue.enqueue([notice]).catch(() => undefined);
      },
      Math.max(0, at.getTime() - this.#now().getTime()) + 50,
    );
    // A pending alarm does not keep the process alive.
    timer.unref();
    this.#timers.add(timer);
    return Promise.resolve();
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

export class LocalWebhookSender implements WebhookQueue {
  readonly #deps: SendDeps;
  readonly #backoffMs: readonly number[];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<void>>();
  #stopped = false;

  constructor(deps: SendDeps, backoffMs: readonly number[] = LOCAL_WEBHOOK_BACKOFF_MS) {
    this.#deps = deps;
    this.#backoffMs = backoffMs;
  }

  enqueue(notices: readonly WebhookNotice[]): Promise<void> {
    if (this.#stopped) return Promise.reject(new Error('the webhook sender is stopped'));
    // In order, one after the other, as a receiver expects a read before the burn it caused.
    this.#track(
      notices.reduce(
        (previous, notice) => previous.then(() => this.#attempt(notice, 0)),
        Promise.resolve(),
      ),
    );
    return Promise.resolve();
  }

  /** Stops retrying, and waits for the attempts in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#inFlight]);
  }

  async #attempt(notice: WebhookNotice, tried: number): Promise<void> {
    if (this.#stopped) return;
    let outcome;
    try {
      outcome = await sendNotice(this.#deps, notice);
    } catch (error) {
      // The table could not be read: worth another try, like a failed delivery.
      this.#deps.log.warn('webhook notice could not be prepared', {
        id: notice.id,
        failure: error instanceof Error ? error.name : typeof error,
      });
      outcome = 'retry' as const;
    }
    if (outcome !== 'retry') return;
    const pause = this.#backoffMs[tried];
    if (pause === undefined) {
      this.#deps.log.error('webhook notice given up after its tries', {
        id: notice.id,
        messageId: notice.messageId,
        tries: tried + 1,
      });
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#track(this.#attempt(notice, tried + 1));
    }, pause);
    this.#timers.add(timer);
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }
}
