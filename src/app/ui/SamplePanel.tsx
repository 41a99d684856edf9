import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { atomData, onAtomData } from '../atomData';
import { buildSample, DEFAULT_POTENTIAL, fetchShipped, fetchText, SHIPPED_SAMPLES, type NamedText } from '../sample';
import { fewestQuenchCells, missingQuenchElements } from '../../protocols/quenchStart';
import { currentSample, useApp } from '../store';
import { mayEndRun } from './runGuard';

const readFile = (f: File): Promise<NamedText> => f.text().then((text) => ({ name: f.name, text }));
const POTENTIAL_NAME = /\.(eam|alloy|fs|setfl)$|eam/i;

async function loadShipped(key: string): Promise<void> {
  if (!mayEndRun(`Opening "${SHIPPED_SAMPLES[key].label}"`)) return;
  useApp.setState({ status: 'Loading the sample and the potential…' });
  useApp.getState().loadSample(await fetchShipped(key), key);
}

/** Files dropped or picked: a potential (by name) and/or a configuration; the other stays as loaded. */
async function loadFiles(files: File[]): Promise<void> {
  const app = useApp.getState();
  const pot = files.find((f) => POTENTIAL_NAME.test(f.name));
  const data = files.find((f) => f !== pot);
  const current = currentSample();
  const potential = pot ? await readFile(pot) : current ? { name: current.potentialName, text: current.potentialText } : await fetchText(DEFAULT_POTENTIAL);
  const config = data ? await readFile(data) : current ? { name: current.name, text: current.dataText } : null;
  if (!config) throw new Error('drop a LAMMPS data file or an extended XYZ file as well');
  // Parse first: a file that fails leaves the current sample and its results as they are.
  const sample = buildSample(config, potential);
  if (mayEndRun(`Loading ${sample.name}`)) app.loadSample(sample, 'custom');
}

function TemperatureChart() {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const plot = new uPlot(
      { width: el.clientWidth || 320, height: 160, scales: { x: { time: false } }, axes: [{ label: 'time (ps)' }, { label: 'T (K)' }], series: [{}, { stroke: '#d55e00', width: 2, label: 'T' }], legend: { show: false } },
      [[], []],
      el,
    );
    const off = onAtomData(() => plot.setData([atomData.quenchCurve.time, atomData.quenchCurve.temperature]));
    return () => {
      off();
      plot.destroy();
    };
  }, []);
  return <div ref={box} className="chart quench" data-testid="quench-temperature" />;
}

function NewGlass() {
  const quench = useApp((s) => s.quench);
  const [cells, setCells] = useState(5);
  const [cu, setCu] = useState(0.5);
  const [rate, setRate] = useState(1e13);
  const [seed, setSeed] = useState(1);
  const running = quench?.state === 'running';
  // The glass is made with the loaded potential, whose cutoff sets the smallest box.
  const potential = useApp((s) => s.sample?.potentialName);
  const tables = currentSample()?.tables;
  const cutoff = tables?.cutoff;
  const fewest = cutoff === undefined ? 1 : fewestQuenchCells(cutoff, cu);
  const tooFew = cells < fewest;
  const missing = tables ? missingQuenchElements(tables.potential.elements) : [];
  return (
    <details className="new-glass">
      <summary>Make a new glass (melt–quench on the GPU)</summary>
      <div className="fields">
        <label className="field">
          <span>bcc cells per side</span>
          <input type="number" min={fewest} max={30} value={cells} data-testid="quench-cells" onChange={(e) => setCells(Number(e.target.value))} />
          <span className="unit">{2 * cells ** 3} atoms</span>
        </label>
        <label className="field">
          <span>Cu fraction</span>
          <input type="number" min={0} max={1} step={0.05} value={cu} onChange={(e) => setCu(Number(e.target.value))} />
        </label>
        <label className="field">
          <span>Quench rate</span>
          <select value={rate} onChange={(e) => setRate(Number(e.target.value))}>
            {[1e14, 1e13, 1e12].map((r) => (
              <option key={r} value={r}>
                {r.toExponential(0)} K/s
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Seed</span>
          <input type="number" min={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
      </div>
      {missing.length > 0 && (
        <p className="note warning" data-testid="quench-no-elements">
          A new glass is Cu–Zr, and {potential} has no {missing.join(' or ')}: load a potential with both.
        </p>
      )}
      {tooFew && (
        <p className="note warning" data-testid="quench-too-few">
          At least {fewest} cells per side with {potential}: the box must stay wider than twice its {cutoff} Å cutoff, and relaxing the cell after the quench can narrow it.
        </p>
      )}
      <div className="buttons">
        <button type="button" disabled={running || tooFew || missing.length > 0} data-testid="quench" onClick={() => mayEndRun('The new glass, once made,') && useApp.getState().makeGlass({ cells, cu, rate, seed })}>
          Quench
        </button>
        {running && (
          <button type="button" className="secondary" onClick={() => useApp.getState().cancel()}>
            Cancel
          </button>
        )}
      </div>
      {quench && (
        <>
          <progress max={1} value={quench.progress} aria-label="quench progress" /> <span>{quench.stage}</span>
          <TemperatureChart />
        </>
      )}
    </details>
  );
}

export function SamplePanel() {
  const sample = useApp((s) => s.sample);
  const sampleKey = useApp((s) => s.sampleKey);
  const adapter = useApp((s) => s.adapter);
  const input = useRef<HTMLInputElement>(null);
  const onFiles = (files: FileList | null) => {
    if (files && files.length > 0) loadFiles([...files]).catch((e: Error) => useApp.setState({ error: `Could not load: ${e.message}` }));
  };
  return (
    <section
      className="panel"
      aria-labelledby="sample-title"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onFiles(e.dataTransfer.files);
      }}
    >
      <h2 id="sample-title">Sample</h2>
      <label className="field shipped">
        <span>Shipped sample</span>
        <select
          data-testid="shipped-sample"
          value={Object.hasOwn(SHIPPED_SAMPLES, sampleKey) ? sampleKey : 'custom'}
          onChange={(e) => loadShipped(e.target.value).catch((err: Error) => useApp.setState({ error: `Could not load: ${err.message}` }))}
        >
          {Object.entries(SHIPPED_SAMPLES).map(([key, { label }]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
          <option value="custom" disabled>
            your own files
          </option>
        </select>
      </label>
      <dl className="facts">
        <dt>Configuration</dt>
        <dd data-testid="sample-name">{sample?.name ?? '…'}</dd>
        <dt>Atoms</dt>
        <dd data-testid="natoms">{sample?.natoms ?? '…'}</dd>
        <dt>Potential</dt>
        <dd data-testid="potential-name">{sample?.potentialName ?? '…'}</dd>
        <dt>GPU</dt>
        <dd data-testid="adapter">{adapter || '…'}</dd>
      </dl>
      <button type="button" className="secondary" onClick={() => input.current?.click()}>
        Load files…
      </button>
      <input ref={input} type="file" multiple hidden data-testid="file-input" accept=".data,.lmp,.xyz,.extxyz,.eam,.alloy,.fs,.setfl" onChange={(e) => onFiles(e.target.files)} />
      <p className="note">Or drop a LAMMPS data / extended XYZ file and an EAM potential (setfl, eam/fs, funcfl) here.</p>
      <NewGlass />
    </section>
  );
}
