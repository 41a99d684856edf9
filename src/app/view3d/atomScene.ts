import { Color, DirectionalLight, Group, HemisphereLight, PerspectiveCamera, Raycaster, Scene, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Box } from '../../system/box';
import { AtomMeshes, type HighlightStyle } from './atomMeshes';
import { typeColors, typeRadii } from './atomStyle';
import { CellLines } from './cellLines';
import { cellBoundingSphere, cellCorners, wrapIntoCell } from './cellGeometry';
import { mapColor, type ColormapName } from './colormaps';
import { instanceAt, listenForClicks } from './picking';
import { SelectionMarker } from './selectionMarker';

/**
 * A dark neutral grey: on a projector a dark surround keeps the lit spheres and the light cell edges
 * crisp where a white one washes them out, and the bright, high-value end of the colour maps (the
 * STZ atoms) gets the most contrast. The price: the maps' dark low ends (#440154, #00224e) stand
 * out less, though their shading still outlines them.
 */
const BACKGROUND = 0x14161a;
/** Atoms whose value is NaN. */
const MISSING = 0x808080;
const FOV_DEG = 30;
/** The first view: from −y, a little from +x and from above, z up. */
const VIEW_DIRECTION = new Vector3(0.35, -1, 0.45).normalize();

export type { HighlightStyle } from './atomMeshes';

export interface SceneSystem {
  readonly box: Box;
  /** 0-based type per atom, indexing typeNames. */
  readonly types: Int32Array;
  readonly typeNames: readonly (string | null)[];
  /** Shown at once, as by setPositions, when given (an AtomSystem can be passed as it is). */
  readonly positions?: Float64Array;
}

export interface ValueColoring {
  /** Values at the two ends of the colour map; values outside take the end colours. */
  readonly range: readonly [number, number];
  /** Map log(value) instead; the range must then be positive, and values ≤ 0 take the low end. */
  readonly log?: boolean;
  readonly colormap: ColormapName;
}

/**
 * The 3-D atom view on a canvas: atoms as instanced spheres, the periodic cell's edges, orbit / zoom
 * / pan, click-to-pick. It renders only when something changed or the camera moves.
 */
export class AtomScene {
  private readonly canvas: HTMLCanvasElement;
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(FOV_DEG, 1, 0.1, 1000);
  private readonly controls: OrbitControls;
  private readonly raycaster = new Raycaster();
  private readonly atomGroup = new Group();
  private readonly cell = new CellLines();
  private readonly marker = new SelectionMarker();
  private readonly resizeObserver: ResizeObserver;
  private readonly stopClicks: () => void;
  private readonly pickListeners = new Set<(index: number | null) => void>();
  private readonly bounds = { center: new Vector3(), radius: 1 };
  private atoms: AtomMeshes | null = null;
  private types: Int32Array = new Int32Array(0);
  private largestRadius = 0;
  /** Linear-sRGB colour per type. */
  private colorOfType = new Float32Array(0);
  private box: Box | null = null;
  private positions: Float64Array | null = null;
  private selected: number | null = null;
  private frame = 0;
  private frameMs = 0;
  private disposed = false;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    // preserveDrawingBuffer keeps the last frame readable for PNG export and pixel tests.
    this.renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    this.scene.background = new Color(BACKGROUND);
    // Set before OrbitControls, which takes its orbit axis from camera.up.
    this.camera.up.set(0, 0, 1);

    // Lambertian surfaces return albedo × irradiance / π in three, hence the π in the intensities:
    // a sphere's lit centre shows about its true colour, the colour-bar colour.
    const sky = new HemisphereLight(0xffffff, 0x2a2e35, 0.45 * Math.PI);
    sky.position.set(0, 0, 1);
    // The key light rides with the camera, from the upper left, so every view is lit alike.
    const key = new DirectionalLight(0xffffff, 0.75 * Math.PI);
    key.position.set(-1, 1, 1.5);
    this.camera.add(key, key.target);
    this.scene.add(this.camera, sky, this.atomGroup, this.cell.object, this.marker.object);
    this.atomGroup.visible = false;

    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.15;
    this.controls.addEventListener('change', this.requestRender);

    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.stopClicks = listenForClicks(canvas, (x, y) => this.pick(x, y));
    this.resize();
  }

  get stats(): { atoms: number; lastFrameMs: number } {
    return { atoms: this.atoms?.count ?? 0, lastFrameMs: this.frameMs };
  }

  /** A new configuration: atoms coloured by type, nothing highlighted or selected, the camera fitted to the cell. */
  setSystem(s: SceneSystem): void {
    let ntypes = s.typeNames.length;
    for (const t of s.types) {
      if (!(t >= 0)) throw new RangeError(`setSystem: atom type ${t} is not a 0-based type index`);
      if (t >= ntypes) ntypes = t + 1;
    }
    const color = new Color();
    this.colorOfType = new Float32Array(3 * ntypes);
    typeColors(s.typeNames, ntypes).forEach((hex, t) => color.setHex(hex).toArray(this.colorOfType, 3 * t));
    const radiusOfType = typeRadii(s.typeNames, ntypes);
    const radii = Float32Array.from(s.types, (t) => radiusOfType[t]);

    if (this.atoms) {
      this.atomGroup.remove(this.atoms.solid, this.atoms.ghost);
      this.atoms.dispose();
    }
    this.atoms = new AtomMeshes(radii);
    this.largestRadius = radii.reduce((a, b) => Math.max(a, b), 0);
    this.atomGroup.add(this.atoms.solid, this.atoms.ghost);
    this.atomGroup.visible = false;
    this.types = s.types;
    this.positions = null;
    this.selected = null;
    this.marker.hide();
    this.box = s.box;
    this.colorByType();
    this.setBox(s.box);
    this.fitCamera(s.box);
    if (s.positions) this.setPositions(s.positions);
  }

  /**
   * Atom positions, Å, x y z per atom, drawn wrapped into the cell. Cheap enough for every AQS step:
   * it writes into buffers made by setSystem. The array is kept (not copied) for setBox to re-wrap.
   */
  setPositions(positions: Float64Array): void {
    const { atoms, box } = this.requireSystem('setPositions');
    if (positions.length !== 3 * atoms.count) {
      throw new RangeError(`setPositions: expected ${3 * atoms.count} coordinates, got ${positions.length}`);
    }
    this.positions = positions;
    wrapIntoCell(box, positions, atoms.positions);
    atoms.updatePositions();
    this.atomGroup.visible = true;
    this.placeMarker();
    this.requestRender();
  }

  /** A new (e.g. sheared) cell: its edges are redrawn and the last positions re-wrapped into it. Call it before setPositions when both change. */
  setBox(box: Box): void {
    const { atoms } = this.requireSystem('setBox');
    this.box = box;
    this.cell.setBox(box);
    const { center, radius } = cellBoundingSphere(box);
    this.bounds.center.set(center[0], center[1], center[2]);
    this.bounds.radius = radius + this.largestRadius;
    atoms.setBounds(this.bounds.center, this.bounds.radius);
    if (this.positions) this.setPositions(this.positions);
    this.requestRender();
  }

  /** Colour-blind-safe colours per element (Cu orange, Zr blue, others from the Okabe–Ito palette). */
  colorByType(): void {
    const { atoms } = this.requireSystem('colorByType');
    for (let i = 0; i < atoms.count; i++) {
      const t = 3 * this.types[i];
      atoms.colors[3 * i] = this.colorOfType[t];
      atoms.colors[3 * i + 1] = this.colorOfType[t + 1];
      atoms.colors[3 * i + 2] = this.colorOfType[t + 2];
    }
    atoms.updateColors();
    this.requestRender();
  }

  /** Colours from a per-atom value through a colour map; NaN values are drawn mid-grey. */
  colorByValues(values: ArrayLike<number>, opts: ValueColoring): void {
    const { atoms } = this.requireSystem('colorByValues');
    if (values.length !== atoms.count) throw new RangeError(`colorByValues: expected ${atoms.count} values, got ${values.length}`);
    let [lo, hi] = opts.range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo)) throw new RangeError(`colorByValues: bad range [${lo}, ${hi}]`);
    const log = opts.log === true;
    if (log) {
      if (!(lo > 0)) throw new RangeError(`colorByValues: a log scale needs a positive range, not [${lo}, ${hi}]`);
      lo = Math.log(lo);
      hi = Math.log(hi);
    }
    const span = hi - lo;
    const missing = new Color(MISSING);
    for (let i = 0; i < atoms.count; i++) {
      const v = values[i];
      if (Number.isNaN(v)) {
        missing.toArray(atoms.colors, 3 * i);
        continue;
      }
      const x = log ? (v > 0 ? Math.log(v) : -Infinity) : v;
      // A range of one value shows that value mid-map and the rest at the ends.
      const t = span > 0 ? (x - lo) / span : x < lo ? 0 : x > lo ? 1 : 0.5;
      mapColor(opts.colormap, t, atoms.colors, 3 * i);
    }
    atoms.updateColors();
    this.requestRender();
  }

  /**
   * Atoms whose mask is 0 are ghosted (small and faint, not pickable) or hidden; null shows every
   * atom normally.
   */
  setHighlight(mask: Uint8Array | null, style: HighlightStyle): void {
    const { atoms } = this.requireSystem('setHighlight');
    if (mask !== null && mask.length !== atoms.count) throw new RangeError(`setHighlight: expected ${atoms.count} mask entries, got ${mask.length}`);
    atoms.setHighlight(mask, style);
    this.requestRender();
  }

  /** Marks an atom with a wireframe sphere, visible through the others; null removes the mark. */
  setSelected(index: number | null): void {
    const { atoms } = this.requireSystem('setSelected');
    if (index !== null && !(Number.isInteger(index) && index >= 0 && index < atoms.count)) {
      throw new RangeError(`setSelected: no atom ${index} among ${atoms.count}`);
    }
    this.selected = index;
    this.placeMarker();
    this.requestRender();
  }

  /**
   * Calls `cb` with the atom under a click (a press and release within 4 px; drags orbit) or null
   * for a click on empty space. Only normally drawn atoms are picked, not ghosts. Picking does not
   * select: call setSelected. Returns the function that removes `cb`.
   */
  onPick(cb: (index: number | null) => void): () => void {
    this.pickListeners.add(cb);
    return () => this.pickListeners.delete(cb);
  }

  /** Matches the drawing buffer to the canvas's CSS size and the device pixel ratio; a ResizeObserver calls it too. */
  resize(): void {
    const { clientWidth: w, clientHeight: h } = this.canvas;
    // A hidden canvas (display: none) has no size; it keeps its last one until shown.
    if (w === 0 || h === 0) return;
    this.renderer.setPixelRatio(window.devicePixelRatio);
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  /** The current view as a PNG at the drawing buffer's resolution. */
  toPngBlob(): Promise<Blob> {
    this.draw();
    return new Promise((resolve, reject) => {
      this.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the view could not be encoded as PNG'))), 'image/png');
    });
  }

  /** Frees the GPU resources and stops listening; the canvas can then be given to a new AtomScene. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    this.stopClicks();
    this.pickListeners.clear();
    this.controls.removeEventListener('change', this.requestRender);
    this.controls.dispose();
    this.atoms?.dispose();
    this.cell.dispose();
    this.marker.dispose();
    this.renderer.dispose();
  }

  private requireSystem(what: string): { atoms: AtomMeshes; box: Box } {
    if (this.atoms === null || this.box === null) throw new Error(`${what}: call setSystem first`);
    return { atoms: this.atoms, box: this.box };
  }

  private readonly requestRender = (): void => {
    if (this.frame === 0 && !this.disposed) this.frame = requestAnimationFrame(this.renderFrame);
  };

  private readonly renderFrame = (): void => {
    this.frame = 0;
    // While damping eases the camera to rest, update() moves it and fires 'change', which asks for the next frame.
    this.controls.update();
    this.draw();
  };

  /** Renders now; lastFrameMs is the CPU time of the call (the GPU finishes asynchronously). */
  private draw(): void {
    const start = performance.now();
    this.renderer.render(this.scene, this.camera);
    this.frameMs = performance.now() - start;
  }

  /** Frames the cell, atoms included, from VIEW_DIRECTION: as close as keeps every corner in view. */
  private fitCamera(box: Box): void {
    const { center, radius } = this.bounds;
    const tanV = Math.tan((FOV_DEG * Math.PI) / 360);
    const tanH = tanV * this.camera.aspect;
    const right = new Vector3().crossVectors(this.camera.up, VIEW_DIRECTION).normalize();
    const up = new Vector3().crossVectors(VIEW_DIRECTION, right);
    const p = new Vector3();
    let distance = 0;
    for (const corner of cellCorners(box)) {
      p.set(corner[0], corner[1], corner[2]).sub(center);
      const towardCamera = p.dot(VIEW_DIRECTION);
      const margin = this.largestRadius + 0.05 * radius;
      distance = Math.max(
        distance,
        towardCamera + (Math.abs(p.dot(right)) + margin) / tanH,
        towardCamera + (Math.abs(p.dot(up)) + margin) / tanV,
      );
    }
    this.controls.target.copy(center);
    this.camera.position.copy(center).addScaledVector(VIEW_DIRECTION, distance);
    this.controls.minDistance = radius / 20;
    this.controls.maxDistance = 6 * distance;
    this.camera.near = radius / 100;
    this.camera.far = this.controls.maxDistance + 2 * radius;
    this.camera.updateProjectionMatrix();
    this.controls.update();
  }

  private placeMarker(): void {
    const atoms = this.atoms;
    if (atoms === null || this.selected === null || this.positions === null) {
      this.marker.hide();
      return;
    }
    const p = atoms.positions;
    const i = this.selected;
    this.marker.show(p[3 * i], p[3 * i + 1], p[3 * i + 2], atoms.radius(i));
  }

  private pick(x: number, y: number): void {
    if (this.atoms === null || this.positions === null) return;
    // The camera's world matrix is otherwise refreshed only by a render, which may not have run since it moved.
    this.camera.updateMatrixWorld();
    const instance = instanceAt(this.raycaster, this.camera, this.atoms.solid, this.canvas, x, y);
    const index = instance === null ? null : this.atoms.atomOfSolid(instance);
    for (const cb of this.pickListeners) cb(index);
  }
}
