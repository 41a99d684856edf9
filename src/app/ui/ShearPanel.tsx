import { SHEAR_DIRECTIONS, type ShearDirection } from '../../protocols/shear';
import { useApp, type AppParams } from '../store';
import { mayEndRun } from './runGuard';

/** A sheared cube seen face-on: the top face slides along the first axis, in the sign's sense. */
function DirectionIcon({ d }: { d: ShearDirection }) {
  const s = d[0] === '+' ? 1 : -1;
  const [moving, normal] = [d[1], d[2]];
  const dx = 7 * s;
  return (
    <svg viewBox="-4 -4 48 44" width="44" height="40" aria-hidden="true">
      <rect x="8" y="8" width="24" height="24" fill="none" stroke="#9aa6b2" strokeDasharray="3 2" />
      <polygon points={`8,32 32,32 ${32 + dx},8 ${8 + dx},8`} fill="#cfe3f5" stroke="#0b4f8a" strokeWidth="2" />
      <path d={`M ${20 - 5 * s} 3 L ${20 + 7 * s} 3`} stroke="#d55e00" strokeWidth="2.5" markerEnd="url(#arrow)" />
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#d55e00" />
        </marker>
      </defs>
      <text x="35" y="38" fontSize="9" fill="#3d4a57">{moving}</text>
      <text x="-3" y="22" fontSize="9" fill="#3d4a57">{normal}</text>
    </svg>
  );
}

const DIRECTION_HELP: Record<string, string> = {
  xy: 'planes normal to y slide along x (the xy tilt changes)',
  xz: 'planes normal to z slide along x (the xz tilt changes)',
  yz: 'planes normal to z slide along y (the yz tilt changes)',
};

/** `onChange` says whether the value was taken; one refused puts the field back. */
function NumberField(props: { label: string; value: number; testid: string; onChange: (v: number) => boolean; scale?: number; unit?: string; min?: number }) {
  const scale = props.scale ?? 1;
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="number"
        data-testid={props.testid}
        defaultValue={props.value * scale}
        key={props.value}
        min={props.min}
        step="any"
        onBlur={(e) => {
          const v = Number(e.target.value) / scale;
          if (!(Number.isFinite(v) && v > 0) || (v !== props.value && !props.onChange(v))) e.target.value = String(props.value * scale);
        }}
      />
      {props.unit && <span className="unit">{props.unit}</span>}
    </label>
  );
}

/** A new direction, step or threshold starts the run afresh: a sheared one ends only if the person says so. */
function changeShear(p: Partial<AppParams>, what: string): boolean {
  if (!mayEndRun(what)) return false;
  useApp.getState().setParams(p);
  return true;
}

export function ShearPanel() {
  const params = useApp((s) => s.params);
  const aqs = useApp((s) => s.aqs);
  const phase = useApp((s) => s.phase);
  const { setParams, run, pause, step, reset } = useApp.getState();
  const busy = aqs.state === 'running';
  // A step in flight reports its state under the settings it started with.
  const locked = busy || aqs.state === 'stepping';
  const ready = phase === 'ready' && aqs.state !== 'stepping';
  return (
    <section className="panel" aria-labelledby="shear-title">
      <h2 id="shear-title">Shear (AQS)</h2>
      <fieldset className="directions" disabled={locked}>
        <legend>Direction</legend>
        {SHEAR_DIRECTIONS.map((d) => (
          <label key={d} className={d === params.direction ? 'direction chosen' : 'direction'} title={`${d}: ${DIRECTION_HELP[d.slice(1)]}, tilt ${d[0] === '+' ? 'increasing' : 'decreasing'}`}>
            <input type="radio" name="direction" value={d} checked={d === params.direction} onChange={() => changeShear({ direction: d }, `Shearing ${d.replace('-', '−')} instead`)} data-testid={`direction-${d}`} />
            <DirectionIcon d={d} />
            <span>{d.replace('-', '−')}</span>
          </label>
        ))}
      </fieldset>
      <p className="note">{DIRECTION_HELP[params.direction.slice(1)]}.</p>
      {/* Pause to change them: a run takes them at its next step. */}
      <fieldset className="fields" disabled={locked}>
        <NumberField label="Strain step" value={params.step} testid="strain-step" onChange={(v) => changeShear({ step: v }, `A strain step of ${v}`)} />
        <NumberField
          label="Max strain"
          value={params.maxStrain}
          scale={100}
          unit="%"
          testid="max-strain"
          onChange={(v) => {
            setParams({ maxStrain: v });
            return true;
          }}
        />
        <NumberField label="Event threshold" value={params.drop} unit="MPa" testid="drop" onChange={(v) => changeShear({ drop: v }, `An event threshold of ${v} MPa`)} />
      </fieldset>
      <div className="buttons wrap">
        {busy ? (
          <button type="button" onClick={pause} data-testid="pause" title="Pause (Space)">
            Pause
          </button>
        ) : (
          <button type="button" onClick={run} disabled={!ready || aqs.state === 'finished'} data-testid="run" title="Run (Space)">
            Run
          </button>
        )}
        <button type="button" className="secondary" onClick={step} disabled={!ready || busy || aqs.state === 'finished'} data-testid="step" title="One step (S)">
          Step
        </button>
        <button type="button" className="secondary" onClick={() => mayEndRun('Reset') && reset()} disabled={!ready || busy} data-testid="reset" title="Back to the unsheared sample (R)">
          Reset
        </button>
        <span className="note keys">
          Keys: <kbd>Space</kbd> run / pause, <kbd>S</kbd> step, <kbd>R</kbd> reset, <kbd>A</kbd> analyse
        </span>
      </div>
      <p className="readout" data-testid="aqs-readout">
        Step {aqs.step}, strain {(100 * aqs.strain).toFixed(3)} %{aqs.last ? `, ${aqs.last.iterations} iterations${aqs.last.stop === 'converged' || aqs.last.stop === 'stalled' ? '' : ` (${aqs.last.stop})`}` : ''}
      </p>
      <label className="check">
        <input type="checkbox" checked={params.autoAnalyse} onChange={(e) => setParams({ autoAnalyse: e.target.checked })} data-testid="auto-analyse" /> Analyse events automatically
      </label>
      <label className="field">
        <span>Atoms to freeze</span>
        <select
          data-testid="atoms-choice"
          value={params.atoms.kind === 'all' ? 'all' : String(params.atoms.count)}
          onChange={(e) => setParams({ atoms: e.target.value === 'all' ? { kind: 'all' } : { kind: 'most-displaced', count: Number(e.target.value) } })}
        >
          <option value="all">every atom (as the paper)</option>
          {[40, 100, 200, 500].map((n) => (
            <option key={n} value={n}>
              the {n} that move most in the event
            </option>
          ))}
          {params.atoms.kind === 'most-displaced' && ![40, 100, 200, 500].includes(params.atoms.count) && <option value={params.atoms.count}>the {params.atoms.count} that move most in the event</option>}
        </select>
      </label>
    </section>
  );
}
