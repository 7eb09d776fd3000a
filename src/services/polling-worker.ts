/**
 * A worker of the server process that polls: one round at a time (a second call while a round runs gets that
 * round), the next round `intervalMs` after the last ended, errors handed to `onError` without stopping the
 * polling. The outbox and the web import are such workers; each says what one round does.
 */
export abstract class PollingWorker<Result> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<Result> | null = null;

  protected constructor(private readonly polling: { intervalMs: number; onError?: (error: unknown) => void }) {}

  /** Polls every `intervalMs` until stopped, the first round at once. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.runOnce()
        .catch((error: unknown) => this.polling.onError?.(error))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.polling.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the round in hand. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One round, never two at once. */
  runOnce(): Promise<Result> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  protected abstract round(): Promise<Result>;
}
