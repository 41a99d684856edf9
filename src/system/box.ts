/**
 * A periodic triclinic cell in LAMMPS's convention: edge vectors a = (lx,0,0), b = (xy,ly,0),
 * c = (xz,yz,lz) from the corner `lo`. Upper-triangular h makes fractional coordinates and
 * minimum images cheap, and it is what LAMMPS data files and dumps store.
 */
export interface Box {
  readonly lo: readonly [number, number, number];
  readonly lx: number;
  readonly ly: number;
  readonly lz: number;
  readonly xy: number;
  readonly xz: number;
  readonly yz: number;
}

export type Vec3 = [number, number, number];

export function volume(box: Box): number {
  return box.lx * box.ly * box.lz;
}

/** Distances between opposite faces; a pair interaction of range rc is unique only if all exceed 2 rc. */
export function perpendicularWidths(box: Box): Vec3 {
  const { lx, ly, lz, xy, xz, yz } = box;
  const v = lx * ly * lz;
  // |b × c|, |c × a|, |a × b| are the face areas opposite each edge.
  const bxc = Math.hypot(ly * lz, -xy * lz, xy * yz - ly * xz);
  const cxa = lx * Math.hypot(lz, yz);
  const axb = lx * ly;
  return [v / bxc, v / cxa, v / axb];
}

export function toFractional(box: Box, x: number, y: number, z: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const { lo, lx, ly, lz, xy, xz, yz } = box;
  const dz = z - lo[2];
  const sz = dz / lz;
  const dy = y - lo[1] - yz * sz;
  const sy = dy / ly;
  out[0] = (x - lo[0] - xz * sz - xy * sy) / lx;
  out[1] = sy;
  out[2] = sz;
  return out;
}

export function toCartesian(box: Box, sx: number, sy: number, sz: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const { lo, lx, ly, lz, xy, xz, yz } = box;
  out[0] = lo[0] + lx * sx + xy * sy + xz * sz;
  out[1] = lo[1] + ly * sy + yz * sz;
  out[2] = lo[2] + lz * sz;
  return out;
}

/**
 * Shortest periodic image of a separation vector, removing whole c, then b, then a vectors as
 * LAMMPS does for triclinic cells. Exact for separations shorter than half the smallest width.
 */
export function minimumImage(box: Box, d: Vec3): Vec3 {
  const { lx, ly, lz, xy, xz, yz } = box;
  const nz = Math.round(d[2] / lz);
  d[0] -= nz * xz;
  d[1] -= nz * yz;
  d[2] -= nz * lz;
  const ny = Math.round(d[1] / ly);
  d[0] -= ny * xy;
  d[1] -= ny * ly;
  const nx = Math.round(d[0] / lx);
  d[0] -= nx * lx;
  return d;
}

/** Positions mapped into the cell, with the whole cell vectors removed counted in `images`. */
export function wrapPositions(box: Box, positions: Float64Array, images?: Int32Array): Float64Array {
  const out = new Float64Array(positions.length);
  const s: Vec3 = [0, 0, 0];
  const x: Vec3 = [0, 0, 0];
  for (let i = 0; i < positions.length; i += 3) {
    toFractional(box, positions[i], positions[i + 1], positions[i + 2], s);
    for (let a = 0; a < 3; a++) {
      let n = Math.floor(s[a]);
      // floor can leave s exactly 1 after subtraction when s is a hair below an integer.
      if (s[a] - n >= 1) n += 1;
      s[a] -= n;
      if (images) images[i + a] += n;
    }
    toCartesian(box, s[0], s[1], s[2], x);
    out[i] = x[0];
    out[i + 1] = x[1];
    out[i + 2] = x[2];
  }
  return out;
}

/**
 * The cell after a homogeneous deformation x → F x (F 3×3, row-major), kept upper-triangular.
 * Only deformations that keep h upper-triangular (F itself upper-triangular) are allowed: the
 * engine and LAMMPS both store h that way, so a rotation would silently change the physics.
 */
export function deformBox(box: Box, F: readonly number[]): Box {
  if (F[3] !== 0 || F[6] !== 0 || F[7] !== 0) {
    throw new Error('deformBox: the deformation must be upper-triangular to keep a LAMMPS cell');
  }
  const { lo, lx, ly, lz, xy, xz, yz } = box;
  const h = [lx, xy, xz, 0, ly, yz, 0, 0, lz];
  const g = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += F[r * 3 + k] * h[k * 3 + c];
      g[r * 3 + c] = s;
    }
  }
  const newLo: [number, number, number] = [
    F[0] * lo[0] + F[1] * lo[1] + F[2] * lo[2],
    F[4] * lo[1] + F[5] * lo[2],
    F[8] * lo[2],
  ];
  return { lo: newLo, lx: g[0], xy: g[1], xz: g[2], ly: g[4], yz: g[5], lz: g[8] };
}

/** Checks that pair interactions of range `cutoff` see each neighbour once, with the minimum size named. */
export function assertBoxFitsCutoff(box: Box, cutoff: number, where: string): void {
  const w = perpendicularWidths(box);
  const names = ['x', 'y', 'z'];
  for (let a = 0; a < 3; a++) {
    if (!(w[a] > 2 * cutoff)) {
      throw new Error(
        `${where}: the box is too thin along ${names[a]}: its perpendicular width is ${w[a].toFixed(4)} Å but ` +
          `must exceed twice the cutoff, ${(2 * cutoff).toFixed(4)} Å (replicate the sample to at least that size)`,
      );
    }
  }
}

/** The homogeneous deformation F = h_to h_from⁻¹ (row-major, upper-triangular) taking one cell to another. */
export function deformationBetween(from: Box, to: Box): number[] {
  // h⁻¹ of an upper-triangular h, written out.
  const { lx, ly, lz, xy, xz, yz } = from;
  const inv = [1 / lx, -xy / (lx * ly), (xy * yz - ly * xz) / (lx * ly * lz), 0, 1 / ly, -yz / (ly * lz), 0, 0, 1 / lz];
  const h = [to.lx, to.xy, to.xz, 0, to.ly, to.yz, 0, 0, to.lz];
  const F = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) {
    for (let c = r; c < 3; c++) {
      for (let k = r; k <= c; k++) F[3 * r + c] += h[3 * r + k] * inv[3 * k + c];
    }
  }
  return F;
}

/** Positions carried affinely from one cell into another, as a strain step carries the atoms. */
export function affineInto(positions: Float64Array, from: Box, to: Box): Float64Array {
  const F = deformationBetween(from, to);
  const out = new Float64Array(positions.length);
  for (let k = 0; k < positions.length; k += 3) {
    const d = [positions[k] - from.lo[0], positions[k + 1] - from.lo[1], positions[k + 2] - from.lo[2]];
    for (let r = 0; r < 3; r++) out[k + r] = to.lo[r] + F[3 * r] * d[0] + F[3 * r + 1] * d[1] + F[3 * r + 2] * d[2];
  }
  return out;
}
