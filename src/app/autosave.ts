import { atomData, onAtomData } from './atomData';
import { saveSession } from './persist';
import { currentSample, useApp } from './store';
import { writeUrlState } from './urlState';

/**
 * Keeps the URL in step with the parameters and the session in IndexedDB, a moment after the last
 * change: saving every AQS step would copy the positions several times a second for nothing.
 */
export function startAutosave(delayMs = 1000): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    const sample = currentSample();
    const s = useApp.getState();
    if (!sample) return;
    const query = writeUrlState({ sample: s.sampleKey, params: s.params });
    if (location.search !== query) history.replaceState(null, '', query);
    saveSession({
      query,
      data: { name: sample.name, text: sample.dataText },
      potential: { name: sample.potentialName, text: sample.potentialText },
      params: s.params,
      curve: atomData.curve,
      events: [...atomData.events.values()],
      analyses: [...atomData.analyses.values()],
      last: s.aqs.last,
      positions: atomData.positions,
      box: atomData.box,
    }).catch((e: Error) => useApp.setState({ error: `could not save the session: ${e.message}` }));
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(save, delayMs);
  };
  onAtomData(schedule);
  useApp.subscribe((s, prev) => {
    if (s.params !== prev.params || s.sample !== prev.sample || s.aqs.last !== prev.aqs.last) schedule();
  });
}
