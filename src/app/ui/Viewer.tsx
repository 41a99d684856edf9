import { useEffect, useRef, useSyncExternalStore } from 'react';
import { AtomScene } from '../view3d/atomScene';
import { cssGradient } from '../view3d/colormaps';
import { atomData, onAtomData } from '../atomData';
import { bondTotals, COLOR_BY_LABELS, coloringFor, dfPerAtom } from '../descriptors';
import { currentSample, useApp, type AppState, type ColorBy } from '../store';
import { registerScene } from '../exports';
import { AtomCard } from './AtomPanel';

const fmt = (x: number) => (Math.abs(x) >= 100 || x === 0 ? x.toFixed(0) : x.toPrecision(2)).replace(/^-/, '−');

/**
 * Atoms to show normally: the STZ core, the atoms in a histogram's selected range, or, while an
 * analysis runs, those found so far whose freezing stops the event; null for all.
 */
function highlightMask(s: AppState): Uint8Array | null {
  const n = s.sample?.natoms ?? 0;
  if (s.analysis?.state === 'running' && s.analysis.stopped.length > 0) {
    const mask = new Uint8Array(n);
    for (const i of s.analysis.stopped) mask[i] = 1;
    return mask;
  }
  const r = s.selectedEvent === null ? undefined : atomData.analyses.get(s.selectedEvent);
  if (s.highlight && r) {
    const values = { df: () => dfPerAtom(r.eventIndex, n)!, d2min: () => r.d2min, vm: () => r.vonMisesChange, bonds: () => bondTotals(r) }[s.highlight.descriptor]();
    const [lo, hi] = s.highlight.range;
    return Uint8Array.from(values, (v) => Number(v >= lo && v <= hi));
  }
  if (s.coreOnly && r && s.classification) {
    const mask = new Uint8Array(n);
    for (const k of s.classification.core) mask[r.atoms[k]] = 1;
    return mask;
  }
  return null;
}

export function Viewer() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useRef<AtomScene | null>(null);
  const colorBy = useApp((s) => s.colorBy);
  const sample = useApp((s) => s.sample);
  const selectedEvent = useApp((s) => s.selectedEvent);
  const coreOnly = useApp((s) => s.coreOnly);
  const hasAnalysis = useApp((s) => s.classification !== null);
  const foundSoFar = useApp((s) => (s.analysis?.state === 'running' ? s.analysis.stopped.length : 0));
  const setColorBy = useApp((s) => s.setColorBy);
  const setCoreOnly = useApp((s) => s.setCoreOnly);
  useSyncExternalStore(onAtomData, () => atomData.version);
  const coloring = coloringFor({ colorBy, selectedEvent, sample });

  useEffect(() => {
    const sc = new AtomScene(canvas.current!);
    scene.current = sc;
    registerScene(sc);
    const offPick = sc.onPick((i) => useApp.getState().selectAtom(i));
    let systemOf: unknown = null;
    const refresh = () => {
      const s = useApp.getState();
      const smp = currentSample();
      if (!smp || !atomData.box || atomData.positions.length !== 3 * smp.system.natoms) return;
      if (systemOf !== smp) {
        sc.setSystem({ box: atomData.box, types: smp.system.types, typeNames: smp.system.typeNames });
        systemOf = smp;
      }
      sc.setBox(atomData.box);
      sc.setPositions(atomData.positions);
      const c = coloringFor(s);
      if (c) sc.colorByValues(c.values, { range: c.range, log: c.log, colormap: c.colormap });
      else sc.colorByType();
      sc.setHighlight(highlightMask(s), 'ghost');
      sc.setSelected(s.selectedAtom);
    };
    const offData = onAtomData(refresh);
    const offStore = useApp.subscribe((s, p) => {
      if (s.colorBy !== p.colorBy || s.selectedEvent !== p.selectedEvent || s.coreOnly !== p.coreOnly || s.highlight !== p.highlight || s.classification !== p.classification || s.selectedAtom !== p.selectedAtom || s.sample !== p.sample || s.analysis?.stopped !== p.analysis?.stopped) refresh();
    });
    refresh();
    return () => {
      offPick();
      offData();
      offStore();
      registerScene(null);
      sc.dispose();
    };
  }, []);

  const options: ColorBy[] = ['type', 'nonaffine', ...(selectedEvent !== null && hasAnalysis ? (['df', 'd2min', 'vm', 'bonds'] as ColorBy[]) : [])];
  return (
    <section className="viewer" aria-label="3-D view of the sample">
      <canvas ref={canvas} data-testid="atoms-canvas" aria-label={`${sample?.natoms ?? 0} atoms in the periodic cell: drag to orbit, wheel to zoom, right-drag to pan, click an atom`} />
      <div className="viewer-top">
        <div className="viewer-bar">
          <label>
            Colour by{' '}
            <select data-testid="color-by" value={colorBy} onChange={(e) => setColorBy(e.target.value as ColorBy)}>
              {options.map((o) => (
                <option key={o} value={o}>
                  {COLOR_BY_LABELS[o]}
                </option>
              ))}
            </select>
          </label>
          {hasAnalysis && (
            <label>
              <input type="checkbox" data-testid="core-only" checked={coreOnly} onChange={(e) => setCoreOnly(e.target.checked)} /> STZ core only
            </label>
          )}
          {foundSoFar > 0 && (
            <span className="live" data-testid="core-so-far">
              In full: {foundSoFar === 1 ? 'the atom' : `the ${foundSoFar} atoms`} found so far whose freezing stops the event
            </span>
          )}
        </div>
        <AtomCard />
      </div>
      {coloring ? (
        <div className="colorbar" data-testid="colorbar">
          <span>{fmt(coloring.range[0])}</span>
          <span className="ramp" style={{ background: cssGradient(coloring.colormap) }} />
          <span>{fmt(coloring.range[1])}</span>
          <span className="colorbar-label">
            {coloring.label} ({coloring.unit}
            {coloring.log ? ', log scale' : ''})
          </span>
        </div>
      ) : (
        <div className="legend" data-testid="legend">
          <span className="swatch" style={{ background: '#e69f00' }} /> Cu <span className="swatch" style={{ background: '#0072b2' }} /> Zr
        </div>
      )}
    </section>
  );
}
