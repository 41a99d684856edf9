import { BufferAttribute, BufferGeometry, LineBasicMaterial, LineSegments } from 'three';
import type { Box } from '../../system/box';
import { cellEdgeVertices } from './cellGeometry';

/** The periodic cell's 12 edges, light grey, redrawn in place as the cell shears. */
export class CellLines {
  readonly object: LineSegments<BufferGeometry, LineBasicMaterial>;
  private readonly vertices = new Float32Array(72);
  private readonly attribute = new BufferAttribute(this.vertices, 3);

  constructor() {
    const geometry = new BufferGeometry().setAttribute('position', this.attribute);
    this.object = new LineSegments(geometry, new LineBasicMaterial({ color: 0x9aa3ad }));
  }

  setBox(box: Box): void {
    cellEdgeVertices(box, this.vertices);
    this.attribute.needsUpdate = true;
    this.object.geometry.computeBoundingSphere();
  }

  dispose(): void {
    this.object.geometry.dispose();
    this.object.material.dispose();
  }
}
