import { IcosahedronGeometry, Mesh, MeshBasicMaterial } from 'three';

/**
 * A white wireframe sphere around the selected atom. It ignores depth, so that an atom buried in
 * the glass still shows where it is.
 */
export class SelectionMarker {
  readonly object = new Mesh(
    new IcosahedronGeometry(1, 2),
    new MeshBasicMaterial({ color: 0xffffff, wireframe: true, depthTest: false, transparent: true, opacity: 0.85 }),
  );

  constructor() {
    this.object.visible = false;
    // Drawn after the atoms, so that nothing is drawn over it.
    this.object.renderOrder = 1;
  }

  show(x: number, y: number, z: number, radius: number): void {
    this.object.position.set(x, y, z);
    this.object.scale.setScalar(radius * 1.4);
    this.object.visible = true;
  }

  hide(): void {
    this.object.visible = false;
  }

  dispose(): void {
    this.object.geometry.dispose();
    this.object.material.dispose();
  }
}
