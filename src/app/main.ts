import './style.css';
import { NoAdapterError, requestEngineDevice } from '../gpu/device';
import { createEngine, evaluateAndTime } from './evaluation';
import { showNoWebGpu } from './noWebGpu';
import { onRerun, setStatus, showError, showSample, showSummary } from './panel';
import { loadSample } from './sample';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function start(): Promise<void> {
  setStatus('Checking for WebGPU…');
  if (!('gpu' in navigator) || !navigator.gpu) {
    showNoWebGpu('navigator.gpu does not exist: this browser does not expose WebGPU, or it is switched off.');
    return;
  }
  let gpu;
  try {
    gpu = await requestEngineDevice(navigator.gpu);
  } catch (e) {
    if (e instanceof NoAdapterError) {
      showNoWebGpu('navigator.gpu exists, but requestAdapter() found no GPU adapter (no usable GPU, or it is blocklisted).');
      return;
    }
    throw e;
  }
  const { device, adapterName } = gpu;
  device.addEventListener('uncapturederror', (ev) => showError(`WebGPU: ${(ev as GPUUncapturedErrorEvent).error.message}`));
  void device.lost.then((info) => {
    if (info.reason !== 'destroyed') showError(`the GPU device was lost: ${info.message}`);
  });

  setStatus('Loading the sample and the potential…');
  const sample = await loadSample();
  showSample(sample, adapterName);

  setStatus(`Building the GPU engine for ${sample.system.natoms} atoms…`);
  const engine = await createEngine(device, sample);

  const run = async () => {
    setStatus('Evaluating EAM forces on the GPU…');
    showSummary(await evaluateAndTime(engine));
    setStatus(`Done: ${sample.name} with ${sample.potentialName} on ${adapterName}.`);
  };
  onRerun(() => run().catch((e) => showError(message(e))));
  await run();
}

window.addEventListener('unhandledrejection', (ev) => showError(message(ev.reason)));
window.addEventListener('error', (ev) => showError(ev.message));
start().catch((e) => showError(message(e)));
