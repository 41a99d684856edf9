import type { Epochs, Reply, Request, Stamped } from './worker/protocol';

/** Replies about the run's steps and events, which a reset or a load supersedes. */
const OF_THE_RUN = new Set<Reply['type']>(['aqs-step', 'aqs-event', 'aqs-state', 'analysis-progress', 'analysis', 'parallel']);
/** Replies about the quench, which only a load supersedes. */
const OF_THE_SAMPLE = new Set<Reply['type']>(['quench-progress', 'quench']);

/**
 * The page's handle on the engine worker. A lost GPU device cannot be revived inside a worker, so
 * `restart` replaces the worker (and with it the device); the page then reloads the sample and
 * resumes from the last completed step it kept.
 */
export class EngineClient {
  private worker: Worker;
  // Counted as the worker counts them (protocol.ts, Epochs).
  private epochs: Epochs = { load: 0, reset: 0 };

  constructor(private readonly onReply: (reply: Reply) => void) {
    this.worker = this.spawn();
  }

  send(req: Request, transfer: Transferable[] = []): void {
    if (req.type === 'load') this.epochs = { load: this.epochs.load + 1, reset: this.epochs.reset + 1 };
    if (req.type === 'aqs-reset') this.epochs = { ...this.epochs, reset: this.epochs.reset + 1 };
    this.worker.postMessage(req, transfer);
  }

  restart(): void {
    this.worker.terminate();
    this.epochs = { load: 0, reset: 0 };
    this.worker = this.spawn();
  }

  private superseded({ reply, epochs }: Stamped): boolean {
    return (OF_THE_RUN.has(reply.type) && epochs.reset < this.epochs.reset) || (OF_THE_SAMPLE.has(reply.type) && epochs.load < this.epochs.load);
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'stz-engine' });
    w.onmessage = (ev: MessageEvent<Stamped>) => {
      if (!this.superseded(ev.data)) this.onReply(ev.data.reply);
    };
    w.onerror = (ev) => this.onReply({ type: 'error', message: `engine worker: ${ev.message}` });
    return w;
  }
}
