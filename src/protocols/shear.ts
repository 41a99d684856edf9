import type { Box } from '../system/box';
import { BAR_TO_MPA } from '../physics/units';

/** The six simple shears: the tilt `plane` changes with the given sign. */
export type ShearDirection = '+xy' | '-xy' | '+xz' | '-xz' | '+yz' | '-yz';
export const SHEAR_DIRECTIONS: readonly ShearDirection[] = ['+xy', '-xy', '+xz', '-xz', '+yz', '-yz'];

/** Accepts `xy`, `+xy`, `-xy` and the like. */
export function parseDirection(text: string): ShearDirection {
  const t = text.trim().toLowerCase();
  const d = (/^[+-]/.test(t) ? t : `+${t}`) as ShearDirection;
  if (!SHEAR_DIRECTIONS.includes(d)) {
    throw new Error(`unknown shear direction '${text}': use one of ${SHEAR_DIRECTIONS.join(', ')}`);
  }
  return d;
}

/** The last step of a run of strain steps up to a maximum strain (rounded: 0.15 in steps of 5e-5 is 3000). */
export function lastStrainStep(maxStrain: number, step: number): number {
  return Math.round(maxStrain / step);
}

export function shearSign(d: ShearDirection): 1 | -1 {
  return d[0] === '+' ? 1 : -1;
}

export function shearPlane(d: ShearDirection): 'xy' | 'xz' | 'yz' {
  return d.slice(1) as 'xy' | 'xz' | 'yz';
}

/** Index of the conjugate shear stress in xx yy zz xy xz yz order. */
export function shearComponent(d: ShearDirection): number {
  return { xy: 3, xz: 4, yz: 5 }[shearPlane(d)];
}

/** The height the tilt is measured against: ly for xy, lz for xz and yz. */
export function shearHeight(box: Box, d: ShearDirection): number {
  return shearPlane(d) === 'xy' ? box.ly : box.lz;
}

/**
 * The start cell sheared by `strain` (change of tilt over the start height) in direction d:
 * xy changes by ±strain·ly, xz and yz by ±strain·lz.
 */
export function shearedBox(start: Box, d: ShearDirection, strain: number): Box {
  const plane = shearPlane(d);
  return { ...start, [plane]: start[plane] + shearSign(d) * strain * shearHeight(start, d) };
}

/** The stress the shear works against, signed so that loading raises it: a drop is a plastic event. */
export function resolvedShearStress(stress: readonly number[], d: ShearDirection): number {
  return shearSign(d) * stress[shearComponent(d)];
}

/** resolvedShearStress, MPa, of the stress −p of a pressure tensor in bar (xx yy zz xy xz yz). */
export function resolvedShearStressOfPressure(pressure: readonly number[], d: ShearDirection): number {
  return resolvedShearStress(pressure.map((p) => -p * BAR_TO_MPA), d);
}
