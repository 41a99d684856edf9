import type { Box, Vec3 } from '../system/box';

/** Cell edges in LAMMPS's restricted triclinic form: a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz). */
export interface LammpsCell extends Omit<Box, 'lo'> {
  /**
   * Row-major rotation taking the given frame to LAMMPS's (rows â, ĉ×â, ĉ with ĉ along a×b);
   * null when the vectors were already in that form, so that no coordinate is touched.
   */
  readonly rotation: readonly number[] | null;
}

const dot = (u: Vec3, v: Vec3): number => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
const cross = (u: Vec3, v: Vec3): Vec3 => [
  u[1] * v[2] - u[2] * v[1],
  u[2] * v[0] - u[0] * v[2],
  u[0] * v[1] - u[1] * v[0],
];
const scale = (u: Vec3, s: number): Vec3 => [u[0] * s, u[1] * s, u[2] * s];

/**
 * The LAMMPS cell of edge vectors a, b, c (the conversion of the LAMMPS Howto triclinic page:
 * lx = |a|, xy = b·â, ly = |â×b|, xz = c·â, yz = (b·c − xy·xz)/ly, lz = √(|c|² − xz² − yz²)).
 * Throws for degenerate or left-handed cells, which no rotation can bring into that form.
 */
export function lammpsCell(a: Vec3, b: Vec3, c: Vec3): LammpsCell {
  const axb = cross(a, b);
  const volume = dot(axb, c);
  const scaleCubed = Math.hypot(...a) * Math.hypot(...b) * Math.hypot(...c);
  if (!(Math.abs(volume) > 1e-12 * scaleCubed)) throw new Error('the cell vectors are coplanar (zero volume)');
  if (volume < 0) throw new Error('the cell is left-handed ((a × b) · c < 0); LAMMPS cells are right-handed');
  if (a[1] === 0 && a[2] === 0 && b[2] === 0 && a[0] > 0 && b[1] > 0) {
    return { lx: a[0], ly: b[1], lz: c[2], xy: b[0], xz: c[0], yz: c[1], rotation: null };
  }
  const e1 = scale(a, 1 / Math.hypot(...a));
  const e3 = scale(axb, 1 / Math.hypot(...axb));
  const e2 = cross(e3, e1);
  return {
    lx: dot(a, e1),
    xy: dot(b, e1),
    ly: dot(b, e2),
    xz: dot(c, e1),
    yz: dot(c, e2),
    lz: dot(c, e3),
    rotation: [...e1, ...e2, ...e3],
  };
}

export function rotate(r: readonly number[], v: Vec3): Vec3 {
  return [
    r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
    r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
    r[6] * v[0] + r[7] * v[1] + r[8] * v[2],
  ];
}
