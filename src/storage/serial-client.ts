/**
 * A pg client that runs the promise-style queries given to it one after the other. Inside a
 * transaction every query goes to one client, and use cases read several things at once
 * (`Promise.all` over a transaction); pg queues those itself today but deprecates it ("Calling
 * client.query() when the client is already executing a query", removed in pg 9). This keeps the
 * same order of execution without relying on that queue.
 */
import pg from 'pg';

export class SerialClient extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();

  // @ts-expect-error pg's query has a dozen overloads; this passes every call through unchanged.
  override query(...args: unknown[]): unknown {
    const call = () => (super.query as (...a: unknown[]) => unknown).apply(this, args);
    // Callback-style calls (the pool's own query) and submittables (cursors, streams) keep pg's handling.
    const first = args[0] as { submit?: unknown } | null | undefined;
    if (typeof args[args.length - 1] === 'function' || (first && typeof first === 'object' && typeof first.submit === 'function')) return call();
    const run = this.#tail.then(call);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
