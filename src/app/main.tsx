import './style.css';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { startAutosave } from './autosave';
import { loadSession } from './persist';
import { buildSample, fetchShipped, SHIPPED_SAMPLES } from './sample';
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
    // A link to the user's own files opens elsewhere too: on what it can, with the reason.
    const key = Object.hasOwn(SHIPPED_SAMPLES, state.sample) ? state.sample : 'default';
    if (key !== state.sample) {
      const why = state.sample === 'custom' ? "the link's sample came from files loaded in another browser" : `there is no shipped sample '${state.sample}'`;
      problems.push(`Opened the default glass: ${why} (shipped: ${Object.keys(SHIPPED_SAMPLES).join(', ')}).`);
      useApp.setState({ error: problems.join('\n') });
    }
    useApp.setState({ status: 'Loading the sample and the potential…' });
    app.loadSample(await fetchShipped(key), key);
  }
  startAutosave();
}

window.addEventListener('unhandledrejection', (ev) => useApp.setState({ error: message(ev.reason) }));
createRoot(document.getElementById('app')!).render(<App />);
start().catch((e) => useApp.setState({ error: message(e) }));
