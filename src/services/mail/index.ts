/** Outgoing e-mail for the server: the transport the configuration names and the outbox worker on it. */
import type { DatabaseHandle } from '../../storage/index.ts';
import { OutboxWorker } from './outbox-worker.ts';
import { createMailTransport, type MailSettings } from './transport.ts';

export { OutboxWorker, type OutboxRunResult } from './outbox-worker.ts';
export { createMailTransport, type MailSettings, type MailTransport } from './transport.ts';

/** Starts sending what the outbox holds; `stop` waits for the message in hand and closes the connection. */
export function startMailDelivery(
  handle: DatabaseHandle,
  settings: MailSettings,
  options: { onError?: (error: unknown) => void; intervalMs?: number } = {},
): { description: string; stop: () => Promise<void> } {
  const transport = createMailTransport(settings);
  const worker = new OutboxWorker(handle, transport, options);
  worker.start();
  return {
    description: transport.description,
    stop: async () => {
      await worker.stop();
      transport.close();
    },
  };
}
