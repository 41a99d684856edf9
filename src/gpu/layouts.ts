import type { Box } from '../system/box';

/**
 * Byte layouts of the WGSL structs in shaders/common/structs.wgsl and shaders/reduce/totals.wgsl,
 * the one place the host writes and reads them (test/gpu/layouts.test.ts checks them against the WGSL).
 */
export interface StructLayout {
  readonly name: string;
  readonly size: number;
  readonly fields: Readonly<Record<string, number>>;
}

export const BOX_LAYOUT: StructLayout = { name: 'Box', size: 48, fields: { lengths: 0, tilts: 16, lo: 32 } };

export const PARAMS_LAYOUT: StructLayout = {
  name: 'Params',
  size: 48,
  fields: { natoms: 0, nreplicas: 4, maxNeighbors: 8, ncells: 12, cellDims: 16, listCutsq: 28, halfSkinSq: 32 },
};

export const TOTALS_LAYOUT: StructLayout = {
  name: 'Totals',
  size: 48,
  fields: { energy: 0, fmax: 4, fsq: 8, pad: 12, virialDiag: 16, virialOff: 32 },
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
