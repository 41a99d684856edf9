import {
  DynamicDrawUsage,
  IcosahedronGeometry,
  InstancedBufferAttribute,
  InstancedMesh,
  MeshStandardMaterial,
  Sphere,
  type Vector3,
} from 'three';

/** Sphere triangles per frame: 2000 atoms get fine spheres, 100 000 still orbit at interactive rates. */
const TRIANGLE_BUDGET = 8e6;
const GHOST_SCALE = 0.5;
const GHOST_OPACITY = 0.15;

/** Icosphere subdivision for n atoms: the finest within the budget, at most 3 (1280 triangles), at least 1 (80, smooth normals). */
function sphereDetail(n: number): number {
  for (let d = 3; d > 1; d--) if (n * 20 * 4 ** d <= TRIANGLE_BUDGET) return d;
  return 1;
}

export type HighlightStyle = 'ghost' | 'hide';

/** One instanced mesh and which atom each of its instances draws. */
interface Layer {
  readonly mesh: InstancedMesh<IcosahedronGeometry, MeshStandardMaterial>;
  readonly atoms: Int32Array;
  readonly matrices: Float32Array;
  readonly colors: Float32Array;
  readonly scale: number;
}

function makeLayer(geometry: IcosahedronGeometry, material: MeshStandardMaterial, n: number, scale: number): Layer {
  const mesh = new InstancedMesh(geometry, material, n);
  mesh.instanceMatrix.setUsage(DynamicDrawUsage);
  const colors = new Float32Array(3 * n);
  // Created before the first render: three picks the shader variant with instance colours then.
  mesh.instanceColor = new InstancedBufferAttribute(colors, 3).setUsage(DynamicDrawUsage);
  // three allocates instanceMatrix as a Float32Array; the typings only say TypedArray.
  const matrices = mesh.instanceMatrix.array as Float32Array;
  return { mesh, atoms: new Int32Array(n), matrices, colors, scale };
}

/**
 * The atoms as two instanced meshes: `solid`, the atoms drawn normally (the ones picking sees), and
 * `ghost`, those outside a highlight, drawn small and faint. Each mesh packs its atoms into its first
 * `count` instances, so that hidden atoms cost nothing to draw or to raycast.
 */
export class AtomMeshes {
  /** Wrapped display positions, x y z per atom; call updatePositions after writing them. */
  readonly positions: Float32Array;
  /** Linear-sRGB colour per atom; call updateColors after writing them. */
  readonly colors: Float32Array;
  private readonly radii: Float32Array;
  private readonly geometry: IcosahedronGeometry;
  private readonly solidLayer: Layer;
  private readonly ghostLayer: Layer;
  private readonly layers: readonly Layer[];

  /** `radii`: the drawn radius of each atom, Å. */
  constructor(radii: Float32Array) {
    const n = radii.length;
    this.radii = radii;
    this.positions = new Float32Array(3 * n);
    this.colors = new Float32Array(3 * n);
    this.geometry = new IcosahedronGeometry(1, sphereDetail(n));
    const solid = new MeshStandardMaterial({ roughness: 0.5, metalness: 0 });
    // No depth writes: faint spheres must not hide what lies behind them, whatever order they are drawn in.
    const ghost = new MeshStandardMaterial({ roughness: 0.5, metalness: 0, transparent: true, opacity: GHOST_OPACITY, depthWrite: false });
    this.solidLayer = makeLayer(this.geometry, solid, n, 1);
    this.ghostLayer = makeLayer(this.geometry, ghost, n, GHOST_SCALE);
    this.layers = [this.solidLayer, this.ghostLayer];
    this.setHighlight(null, 'ghost');
  }

  get solid(): InstancedMesh<IcosahedronGeometry, MeshStandardMaterial> {
    return this.solidLayer.mesh;
  }

  get ghost(): InstancedMesh<IcosahedronGeometry, MeshStandardMaterial> {
    return this.ghostLayer.mesh;
  }

  get count(): number {
    return this.radii.length;
  }

  radius(atom: number): number {
    return this.radii[atom];
  }

  /** The atom drawn by instance `instance` of `solid`. */
  atomOfSolid(instance: number): number {
    return this.solidLayer.atoms[instance];
  }

  /** Atoms whose mask is 0 go to the ghost mesh or are not drawn; a null mask draws every atom normally. */
  setHighlight(mask: Uint8Array | null, style: HighlightStyle): void {
    const { solidLayer: solid, ghostLayer: ghost } = this;
    let s = 0;
    let g = 0;
    for (let i = 0; i < this.count; i++) {
      if (mask === null || mask[i] !== 0) solid.atoms[s++] = i;
      else if (style === 'ghost') ghost.atoms[g++] = i;
    }
    solid.mesh.count = s;
    ghost.mesh.count = g;
    ghost.mesh.visible = g > 0;
    for (const layer of this.layers) this.writeMatrices(layer);
    this.updateColors();
  }

  updatePositions(): void {
    for (const { mesh, atoms, matrices } of this.layers) {
      for (let k = 0; k < mesh.count; k++) {
        const a = 3 * atoms[k];
        matrices[16 * k + 12] = this.positions[a];
        matrices[16 * k + 13] = this.positions[a + 1];
        matrices[16 * k + 14] = this.positions[a + 2];
      }
      mesh.instanceMatrix.needsUpdate = true;
    }
  }

  updateColors(): void {
    for (const { mesh, atoms, colors } of this.layers) {
      for (let k = 0; k < mesh.count; k++) {
        const a = 3 * atoms[k];
        colors[3 * k] = this.colors[a];
        colors[3 * k + 1] = this.colors[a + 1];
        colors[3 * k + 2] = this.colors[a + 2];
      }
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    }
  }

  /**
   * Every atom is wrapped into the cell, so the cell's sphere (grown by the largest radius) bounds
   * them all; setting it spares three's per-instance pass, which culling and raycasting would run.
   */
  setBounds(center: Vector3, radius: number): void {
    for (const { mesh } of this.layers) mesh.boundingSphere = new Sphere(center.clone(), radius);
  }

  dispose(): void {
    for (const { mesh } of this.layers) {
      mesh.material.dispose();
      mesh.dispose();
    }
    this.geometry.dispose();
  }

  private writeMatrices({ mesh, atoms, matrices, scale }: Layer): void {
    for (let k = 0; k < mesh.count; k++) {
      const o = 16 * k;
      const a = atoms[k];
      const r = this.radii[a] * scale;
      matrices.fill(0, o, o + 16);
      matrices[o] = r;
      matrices[o + 5] = r;
      matrices[o + 10] = r;
      matrices[o + 12] = this.positions[3 * a];
      matrices[o + 13] = this.positions[3 * a + 1];
      matrices[o + 14] = this.positions[3 * a + 2];
      matrices[o + 15] = 1;
    }
    mesh.instanceMatrix.needsUpdate = true;
  }
}
