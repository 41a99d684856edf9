import type { Reply, Request } from './worker/protocol';

/**
 * The page's handle on the engine worker. A lost GPU device cannot be revived inside a worker, so
 * `restart` replaces the worker (and with it the device); the page then reloads the sample and
 * resumes from the last completed step it kept.
 */
export class EngineClient {
  private worker: Worker;

  constructor(private readonly onReply: (reply: Reply) => void) {
    this.worker = this.spawn();
  }

  send(req: Request, transfer: Transferable[] = []): void {
    this.worker.postMessage(req, transfer);
  }

  restart(): void {
    this.worker.terminate();
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'stz-engine' });
    w.onmessage = (ev: MessageEvent<Reply>) => this.onReply(ev.data);
    w.onerror = (ev) => this.onReply({ type: 'error', message: `engine worker: ${ev.message}` });
    return w;
  }
}
