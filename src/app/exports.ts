import { writeExtXyz } from '../io/extxyz';
import { withPositions, type AtomProperty } from '../system/system';
import type { AtomScene } from './view3d/atomScene';
import { atomData } from './atomData';
import { dfPerAtom, manyBondChanges, marginalAtoms } from './descriptors';
import { robustCore } from '../analysis/dfClassify';
import { currentSample, useApp } from './store';

let scene: AtomScene | null = null;

/** The view whose picture "PNG" exports; the viewer registers itself. */
export function registerScene(s: AtomScene | null): void {
  scene = s;
}

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

const text = (name: string, body: string, type: string) => download(name, new Blob([body], { type }));
const real = (name: string, values: ArrayLike<number>): AtomProperty => ({ name, components: 1, kind: 'real', values: Float64Array.from(values) });

/** The current configuration with every per-atom property the page has, for OVITO. */
export function extxyzText(): string {
  const sample = currentSample();
  if (!sample || !atomData.box) throw new Error('no sample is loaded');
  const s = useApp.getState();
  const n = sample.system.natoms;
  const props: AtomProperty[] = [];
  if (atomData.nonaffine) props.push(real('nonaffine', atomData.nonaffine));
  const r = s.selectedEvent === null ? undefined : atomData.analyses.get(s.selectedEvent);
  if (r) {
    // NaN is not valid extended XYZ: atoms left out of the analysis get D_f = -1.
    props.push(real('D_f', dfPerAtom(r.eventIndex, n)!.map((v) => (Number.isNaN(v) ? -1 : v))));
    props.push(real('D2min', r.d2min), real('dvonMises', r.vonMisesChange));
    props.push({ name: 'bonds_broken', components: 1, kind: 'int', values: r.bondsBroken }, { name: 'bonds_formed', components: 1, kind: 'int', values: r.bondsFormed });
    if (s.classification) {
      const core = new Int32Array(n);
      for (const k of s.classification.core) core[r.atoms[k]] = 1;
      props.push({ name: 'stz_core', components: 1, kind: 'int', values: core });
    }
    const marginal = new Int32Array(n);
    r.atoms.forEach((i, k) => (marginal[i] = r.marginal[k]));
    props.push({ name: 'marginal', components: 1, kind: 'int', values: marginal });
  }
  return writeExtXyz(withPositions(sample.system, atomData.positions, atomData.box), { properties: props });
}

export function eventsCsv(): string {
  const rows = useApp.getState().events.map((e) => [e.index, e.step, e.strain, e.dropMPa, e.stressBefore, e.stressAfter].join(','));
  return ['event,step,strain,drop_MPa,stress_before_MPa,stress_after_MPa', ...rows].join('\n') + '\n';
}

export function curveCsv(): string {
  const { direction } = useApp.getState().params;
  const { strain, stress } = atomData.curve;
  return [`step,strain,shear_stress_${direction}_MPa`, ...strain.map((e, k) => `${k},${e},${stress[k]}`)].join('\n') + '\n';
}

export function summaryJson(): string {
  const s = useApp.getState();
  const r = s.selectedEvent === null ? undefined : atomData.analyses.get(s.selectedEvent);
  const c = s.classification;
  if (!r || !c || !s.sample) throw new Error('no frozen-atom analysis to export yet');
  const ids = currentSample()!.system.ids;
  const e = s.events.find((x) => x.index === r.eventIndex)!;
  const coreAtoms = new Set(c.core.map((k) => r.atoms[k]));
  const many = manyBondChanges(r);
  return `${JSON.stringify(
    {
      sample: s.sample.name,
      potential: s.sample.potentialName,
      natoms: s.sample.natoms,
      direction: s.params.direction,
      strain_step: s.params.step,
      event: e,
      analysed: r.atoms.length,
      df_unfrozen: r.unfrozen.df,
      drop_unfrozen_MPa: r.unfrozen.dropMPa,
      threshold_method: c.method,
      threshold: c.threshold,
      gap: c.gap,
      core_size: c.core.length,
      core_ids: c.core.map((k) => ids[r.atoms[k]]),
      marginal_ids: marginalAtoms(r).map((i) => ids[i]),
      robust_core_ids: robustCore(c.core, r.marginal).map((k) => ids[r.atoms[k]]),
      confirm_fmax: r.confirmFmax,
      groups: c.groups,
      d2min_cutoff: r.d2minCutoff,
      bond_shells: r.shells,
      bond_threshold: r.bondThreshold,
      bonds_broken: r.bondsBroken.reduce((s, v) => s + v, 0) / 2,
      bonds_formed: r.bondsFormed.reduce((s, v) => s + v, 0) / 2,
      ids_with_3_or_more_bond_changes: many.map((i) => ids[i]),
      core_ids_with_3_or_more_bond_changes: many.filter((i) => coreAtoms.has(i)).map((i) => ids[i]),
      wall_s: r.wallS,
      adapter: s.adapter,
    },
    null,
    2,
  )}\n`;
}

const base = () => (currentSample()?.name ?? 'sample').replace(/\.[^.]*$/, '');

export const exportActions = {
  extxyz: () => text(`${base()}_step${useApp.getState().aqs.step}.extxyz`, extxyzText(), 'chemical/x-extxyz'),
  events: () => text(`${base()}_events.csv`, eventsCsv(), 'text/csv'),
  curve: () => text(`${base()}_stress_strain.csv`, curveCsv(), 'text/csv'),
  summary: () => text(`${base()}_event${useApp.getState().selectedEvent}_analysis.json`, summaryJson(), 'application/json'),
  png: async () => {
    if (!scene) throw new Error('the 3-D view is not ready');
    download(`${base()}_view.png`, await scene.toPngBlob());
  },
};
