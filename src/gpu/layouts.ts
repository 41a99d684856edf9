import type { Box } from '../system/box';

/**
 * Byte layouts of the WGSL structs in shaders/common/structs.wgsl and shaders/reduce/totals.wgsl,
 * the one place the host writes and reads them (test/gpu/layouts.test.ts checks them against the WGSL).
 */
export interface StructLayout {
  readonly name: string;
  readonly size: number;
  /** Byte offset of each field. */
  readonly fields: Readonly<Record<string, number>>;
  /** The scalar u32 fields; other scalars are f32. */
  readonly u32: readonly string[];
}

export const BOX_LAYOUT: StructLayout = { name: 'Box', size: 48, fields: { lengths: 0, tilts: 16, lo: 32 }, u32: [] };

export const PARAMS_LAYOUT: StructLayout = {
  name: 'Params',
  size: 48,
  fields: { natoms: 0, nreplicas: 4, maxNeighbors: 8, ncells: 12, cellDims: 16, listCutsq: 28, halfSkinSq: 32, maskWords: 36, allowanceSq: 40 },
  u32: ['natoms', 'nreplicas', 'maxNeighbors', 'ncells', 'maskWords'],
};

export const TOTALS_LAYOUT: StructLayout = {
  name: 'Totals',
  size: 48,
  fields: { energy: 0, fmax: 4, fsq: 8, pad: 12, virialDiag: 16, virialOff: 32 },
  u32: [],
};

export function writeBox(view: DataView, offset: number, box: Box): void {
  const f = (field: string, k: number, v: number) => view.setFloat32(offset + BOX_LAYOUT.fields[field] + 4 * k, v, true);
  f('lengths', 0, box.lx);
  f('lengths', 1, box.ly);
  f('lengths', 2, box.lz);
  f('tilts', 0, box.xy);
  f('tilts', 1, box.xz);
  f('tilts', 2, box.yz);
  f('lo', 0, box.lo[0]);
  f('lo', 1, box.lo[1]);
  f('lo', 2, box.lo[2]);
}

export interface Params {
  readonly natoms: number;
  readonly nreplicas: number;
  readonly maxNeighbors: number;
  readonly cellDims: readonly [number, number, number];
  readonly listCutsq: number;
  readonly halfSkinSq: number;
  /** Shared lists only (0 otherwise): candidate-mask words per atom, squared allowance Å². */
  readonly maskWords?: number;
  readonly allowanceSq?: number;
}

export function encodeParams(p: Params): ArrayBuffer {
  const buf = new ArrayBuffer(PARAMS_LAYOUT.size);
  const v = new DataView(buf);
  const o = PARAMS_LAYOUT.fields;
  v.setUint32(o.natoms, p.natoms, true);
  v.setUint32(o.nreplicas, p.nreplicas, true);
  v.setUint32(o.maxNeighbors, p.maxNeighbors, true);
  v.setUint32(o.ncells, p.cellDims[0] * p.cellDims[1] * p.cellDims[2], true);
  p.cellDims.forEach((d, k) => v.setUint32(o.cellDims + 4 * k, d, true));
  v.setFloat32(o.listCutsq, p.listCutsq, true);
  v.setFloat32(o.halfSkinSq, p.halfSkinSq, true);
  v.setUint32(o.maskWords, p.maskWords ?? 0, true);
  v.setFloat32(o.allowanceSq, p.allowanceSq ?? 0, true);
  return buf;
}

/** Per-replica sums in eV (virial W = Σ r⊗f, xx yy zz xy xz yz) and force norms in eV/Å. */
export interface ReplicaTotals {
  readonly energy: number;
  readonly fmax: number;
  readonly fnorm: number;
  readonly virial: readonly number[];
}

export function decodeTotals(buf: ArrayBuffer, count: number): ReplicaTotals[] {
  const v = new DataView(buf);
  const o = TOTALS_LAYOUT.fields;
  return Array.from({ length: count }, (_, r) => {
    const at = (field: string, k = 0) => v.getFloat32(r * TOTALS_LAYOUT.size + o[field] + 4 * k, true);
    return {
      energy: at('energy'),
      fmax: at('fmax'),
      fnorm: Math.sqrt(at('fsq')),
      virial: [at('virialDiag', 0), at('virialDiag', 1), at('virialDiag', 2), at('virialOff', 0), at('virialOff', 1), at('virialOff', 2)],
    };
  });
}

export const MIN_PARAMS_LAYOUT: StructLayout = {
  name: 'MinParams',
  size: 60,
  fields: {
    natoms: 0, dmax: 4, dtMax: 8, dtMin: 12, dtGrow: 16, dtShrink: 20, alpha0: 24, alphaShrink: 28,
    delayStep: 32, maxIterations: 36, maxUphill: 40, stallWindow: 44, stallDisp: 48, stallForce: 52, ftm2v: 56,
  },
  u32: ['natoms', 'delayStep', 'maxIterations', 'maxUphill', 'stallWindow'],
};

export const MIN_SUMS_LAYOUT: StructLayout = {
  name: 'MinSums',
  size: 32,
  fields: { vf: 0, vv: 4, ff: 8, fmax: 12, vmax: 16, energy: 20, dispSq: 24, pad: 28 },
  u32: [],
};

export const MIN_STATE_LAYOUT: StructLayout = {
  name: 'MinState',
  size: 68,
  fields: {
    dt: 0, alpha: 4, dtv: 8, halfBack: 12, scale1: 16, scale2: 20, fmax: 24, energy: 28,
    iteration: 32, lastNegative: 36, uphillRun: 40, status: 44, flags: 48, windowDisp: 52, fnorm: 56, ffPrev: 60,
    ftol: 64,
  },
  u32: ['iteration', 'lastNegative', 'uphillRun', 'status', 'flags'],
};

/** Packs a struct of 4-byte scalar fields (u32 or f32 as the layout says). */
export function encodeStruct(layout: StructLayout, values: Readonly<Record<string, number>>, view = new DataView(new ArrayBuffer(layout.size)), offset = 0): DataView {
  for (const [field, at] of Object.entries(layout.fields)) {
    const v = values[field] ?? 0;
    if (layout.u32.includes(field)) view.setUint32(offset + at, v, true);
    else view.setFloat32(offset + at, v, true);
  }
  return view;
}

export function decodeStruct(layout: StructLayout, view: DataView, offset = 0): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [field, at] of Object.entries(layout.fields)) {
    out[field] = layout.u32.includes(field) ? view.getUint32(offset + at, true) : view.getFloat32(offset + at, true);
  }
  return out;
}


export const MD_PARAMS_LAYOUT: StructLayout = {
  name: 'MdParams',
  size: 48,
  fields: { natoms: 0, dt: 4, tStart: 8, tStop: 12, tFreq: 16, tdof: 20, steps: 24, thermostat: 28, boltz: 32, mvv2e: 36, ftm2v: 40, pad: 44 },
  u32: ['natoms', 'steps', 'thermostat'],
};

export const MD_STATE_LAYOUT: StructLayout = {
  name: 'MdState',
  size: 96,
  fields: {
    step: 0, factor: 4, tTarget: 8, tCurrent: 12, eta: 16, etaDot: 32, etaDotDot: 48, etaMass: 64,
    kinetic: 80, thermostatEnergy: 84, pad0: 88, pad1: 92,
  },
  u32: ['step'],
};
