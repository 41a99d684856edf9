import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { AtomScene } from '../view3d/atomScene';
import { atomData, onAtomData } from '../atomData';
import { currentSample, useApp } from '../store';

/** One relaxation played back frame by frame, coloured by how far each atom has moved from the start. */
function WorldView({ world, frame, label }: { world: 0 | 1; frame: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useRef<AtomScene | null>(null);
  useEffect(() => {
    const sc = new AtomScene(canvas.current!);
    scene.current = sc;
    return () => sc.dispose();
  }, []);
  useEffect(() => {
    const w = atomData.worlds;
    const smp = currentSample();
    const sc = scene.current;
    if (!w || !smp || !sc) return;
    const frames = w.frames[world];
    const x = frames[Math.min(frame, frames.length - 1)];
    const start = frames[0];
    if (frame === 0) sc.setSystem({ box: w.box, types: smp.system.types, typeNames: smp.system.typeNames });
    sc.setBox(w.box);
    sc.setPositions(Float64Array.from(x));
    const moved = new Float64Array(x.length / 3);
    for (let i = 0; i < moved.length; i++) moved[i] = Math.hypot(x[3 * i] - start[3 * i], x[3 * i + 1] - start[3 * i + 1], x[3 * i + 2] - start[3 * i + 2]);
    sc.colorByValues(moved, { range: [1e-3, 1], log: true, colormap: 'viridis' });
    sc.setSelected(w.atom);
  }, [world, frame]);
  return (
    <figure className="world">
      <canvas ref={canvas} data-testid={`world-${world}`} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function Worlds() {
  useSyncExternalStore(onAtomData, () => atomData.version);
  const state = useApp((s) => s.worlds);
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(true);
  const w = atomData.worlds;
  const count = w ? Math.max(w.frames[0].length, w.frames[1].length) : 0;
  useEffect(() => {
    setFrame(0);
    setPlaying(true);
  }, [w]);
  useEffect(() => {
    if (!playing || count === 0) return;
    const t = setInterval(() => setFrame((k) => (k + 1 < count ? k + 1 : k)), 80);
    return () => clearInterval(t);
  }, [playing, count]);
  if (state?.state === 'running' || !w) return <p className="note">Relaxing the event twice, with and without this atom…</p>;
  const ids = currentSample()!.system.ids;
  const verdict = (k: 0 | 1) => `D_f ${w.df[k].toFixed(3)} Å, stress drop ${w.dropMPa[k].toFixed(1)} MPa`;
  return (
    <div className="worlds" data-testid="worlds">
      <div className="world-pair">
        <WorldView world={0} frame={frame} label={`Nothing frozen: ${verdict(0)}`} />
        <WorldView world={1} frame={frame} label={`Atom ${ids[w.atom]} frozen: ${verdict(1)}`} />
      </div>
      <div className="world-controls">
        <button type="button" className="secondary" onClick={() => (frame + 1 >= count ? (setFrame(0), setPlaying(true)) : setPlaying(!playing))}>
          {playing && frame + 1 < count ? 'Pause' : 'Play'}
        </button>
        <input type="range" min={0} max={count - 1} value={frame} onChange={(e) => (setPlaying(false), setFrame(Number(e.target.value)))} aria-label="relaxation frame" />
        <span>
          frame {frame + 1} / {count}
        </span>
      </div>
    </div>
  );
}
