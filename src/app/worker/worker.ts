/// <reference lib="webworker" />
import { NoAdapterError, requestEngineDevice } from '../../gpu/device';
import type { Epochs, Reply, Request, Stamped } from './protocol';
import { Session } from './session';

/** The engine off the UI thread: one device, one session; a lost device ends this worker's usefulness. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const NONE: Epochs = { load: 0, reset: 0 };
const post = (reply: Reply, transfer: Transferable[], epochs: Epochs) => scope.postMessage({ reply, epochs } satisfies Stamped, transfer);
const send = (reply: Reply, transfer: Transferable[] = []) => post(reply, transfer, NONE);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function open(): Promise<Session | null> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    send({ type: 'no-webgpu', reason: 'navigator.gpu does not exist: this browser does not expose WebGPU (or not to workers), or it is switched off.' });
    return null;
  }
  try {
    const { device, adapterName } = await requestEngineDevice(navigator.gpu);
    device.addEventListener('uncapturederror', (ev) => send({ type: 'error', message: `WebGPU: ${(ev as GPUUncapturedErrorEvent).error.message}` }));
    void device.lost.then((info) => send({ type: 'device-lost', message: info.message || info.reason }));
    // DevTools and the e2e test reach the device here: nothing else can provoke a lost device.
    (scope as unknown as { stzDevice: GPUDevice }).stzDevice = device;
    send({ type: 'ready', adapter: adapterName });
    return new Session(device, post);
  } catch (e) {
    if (e instanceof NoAdapterError) {
      send({ type: 'no-webgpu', reason: 'navigator.gpu exists, but requestAdapter() found no GPU adapter (no usable GPU, or it is blocklisted).' });
      return null;
    }
    throw e;
  }
}

const session = open().catch((e) => {
  send({ type: 'error', message: message(e) });
  return null;
});

async function handle(s: Session, req: Request): Promise<void> {
  switch (req.type) {
    case 'load':
      return s.load(req.system, req.tables);
    case 'aqs-run':
      return s.runAqs(req.params);
    case 'aqs-step':
      return s.stepAqs(req.params);
    case 'aqs-pause':
      return s.pause();
    case 'aqs-reset':
      return s.reset();
    case 'aqs-resume':
      return s.resume(req.params, req.last, req.positions, req.events);
    case 'analyse':
      return s.analyse(req.event, req.atoms);
    case 'parallel':
      return s.parallel(req.event, req.atom);
    case 'quench':
      return s.quench(req.params);
    case 'cancel':
      return s.cancel();
  }
}

scope.onmessage = (ev: MessageEvent<Request>) => {
  void session.then(async (s) => {
    if (!s) return;
    try {
      await handle(s, ev.data);
    } catch (e) {
      send({ type: 'error', message: message(e) });
    }
  });
};
