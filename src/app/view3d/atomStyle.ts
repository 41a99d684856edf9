/**
 * Okabe & Ito's colour-universal-design palette (2008), sRGB, in the order types take it. Black is
 * left out: it would vanish against the dark background.
 */
const OKABE_ITO = [0xe69f00, 0x0072b2, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00, 0xf0e442] as const;

/** Elements with a fixed colour, so that Cu and Zr look the same whatever their type numbers. */
const ELEMENT_COLOR: ReadonlyMap<string | null, number> = new Map([['Cu', OKABE_ITO[0]], ['Zr', OKABE_ITO[1]]]);

/** Metallic radii (12-fold coordination), Å; others get DEFAULT_RADIUS. */
const METALLIC_RADIUS: ReadonlyMap<string | null, number> = new Map([['Cu', 1.28], ['Zr', 1.6]]);
const DEFAULT_RADIUS = 1.4;

/** Spheres a little smaller than the atoms, so that neighbours do not merge and the inner ones show between. */
const RADIUS_SCALE = 0.8;

/** sRGB colour (0xRRGGBB) per type: fixed ones for known elements, the rest of the palette in type order. */
export function typeColors(typeNames: readonly (string | null)[], ntypes: number): number[] {
  const taken = new Set<number>();
  for (let t = 0; t < ntypes; t++) {
    const fixed = ELEMENT_COLOR.get(typeNames[t]);
    if (fixed !== undefined) taken.add(fixed);
  }
  const free = OKABE_ITO.filter((c) => !taken.has(c));
  let next = 0;
  return Array.from({ length: ntypes }, (_, t) => ELEMENT_COLOR.get(typeNames[t]) ?? free[next++ % free.length]);
}

/** Drawn sphere radius per type, Å. */
export function typeRadii(typeNames: readonly (string | null)[], ntypes: number): number[] {
  return Array.from({ length: ntypes }, (_, t) => RADIUS_SCALE * (METALLIC_RADIUS.get(typeNames[t]) ?? DEFAULT_RADIUS));
}
