import { perpendicularWidths, type Box, type Vec3 } from '../system/box';

/**
 * Skin and cell grid for Verlet lists shared by replicas with different boxes. The list cutoff
 * (cutoff + skin) must stay below half of every perpendicular width, or the minimum image of a
 * listed pair could be the wrong one; cells must be at least one list cutoff thick.
 */
export interface ListGeometry {
  readonly skin: number;
  readonly listCutoff: number;
  readonly cellDims: readonly [number, number, number];
}

export function listGeometry(boxes: readonly Box[], cutoff: number, requestedSkin: number): ListGeometry {
  const widths: Vec3 = [Infinity, Infinity, Infinity];
  for (const b of boxes) {
    perpendicularWidths(b).forEach((w, a) => (widths[a] = Math.min(widths[a], w)));
  }
  const halfWidth = Math.min(...widths) / 2;
  if (!(halfWidth > cutoff)) {
    throw new Error(
      `a box is too thin for the cutoff ${cutoff} Å: the smallest perpendicular width is ${(2 * halfWidth).toFixed(4)} Å, ` +
        `it must exceed ${(2 * cutoff).toFixed(4)} Å`,
    );
  }
  // Keep a margin so f32 rounding of separations near half a box cannot pick the wrong image.
  const skin = Math.min(requestedSkin, (halfWidth - cutoff) * 0.98);
  const listCutoff = cutoff + skin;
  // The cell kernel picks a cell from 24 fractional bits times the count, so at most 255 per axis.
  const dims = widths.map((w) => Math.min(255, Math.max(1, Math.floor(w / listCutoff)))) as [number, number, number];
  return { skin, listCutoff, cellDims: dims };
}

/** True while every box still has cells at least one list cutoff thick for this geometry. */
export function geometryHolds(geometry: ListGeometry, boxes: readonly Box[]): boolean {
  return boxes.every((b) =>
    perpendicularWidths(b).every((w, a) => w / geometry.cellDims[a] >= geometry.listCutoff && w / 2 > geometry.listCutoff),
  );
}
