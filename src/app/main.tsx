import './style.css';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { startAutosave } from './autosave';
import { loadSession } from './persist';
import { buildSample, DEFAULT_POTENTIAL, fetchText, SHIPPED_SAMPLES } from './sample';
import { useApp } from './store';
import { readUrlState, writeUrlState } from './urlState';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function start(): Promise<void> {
  const { state, problems } = readUrlState(location.search);
  const app = useApp.getState();
  app.setParams(state.params);
  if (problems.length > 0) useApp.setState({ error: problems.join('\n') });
  if (!('gpu' in navigator) || !navigator.gpu) {
    useApp.setState({ phase: 'no-webgpu', noWebGpuReason: 'navigator.gpu does not exist: this browser does not expose WebGPU, or it is switched off.' });
    return;
  }
  const query = writeUrlState(state);
  history.replaceState(null, '', query);
  const saved = await loadSession(query).catch(() => null);
  if (saved) {
    app.loadSample(buildSample(saved.data, saved.potential), state.sample);
    app.restore(saved);
  } else {
    const path = SHIPPED_SAMPLES[state.sample];
    if (!path) throw new Error(`unknown sample '${state.sample}' in the URL: choose one of ${Object.keys(SHIPPED_SAMPLES).join(', ')}`);
    useApp.setState({ status: 'Loading the sample and the potential…' });
    const [data, potential] = await Promise.all([fetchText(path), fetchText(DEFAULT_POTENTIAL)]);
    app.loadSample(buildSample(data, potential), state.sample);
  }
  startAutosave();
}

window.addEventListener('unhandledrejection', (ev) => useApp.setState({ error: message(ev.reason) }));
createRoot(document.getElementById('app')!).render(<App />);
start().catch((e) => useApp.setState({ error: message(e) }));
