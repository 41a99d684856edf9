import { Vector2, type Camera, type InstancedMesh, type Raycaster } from 'three';

/** Farther than this between press and release, the gesture was an orbit or pan drag, not a click. */
const CLICK_SLOP_PX = 4;

/**
 * Calls `onClick(clientX, clientY)` when the primary button is pressed and released on `element`
 * without moving more than 4 px. Returns the function that stops listening.
 */
export function listenForClicks(element: HTMLElement, onClick: (x: number, y: number) => void): () => void {
  let down: { id: number; x: number; y: number } | null = null;
  const press = (e: PointerEvent): void => {
    down = e.button === 0 && e.isPrimary ? { id: e.pointerId, x: e.clientX, y: e.clientY } : null;
  };
  const release = (e: PointerEvent): void => {
    if (down !== null && e.pointerId === down.id && Math.hypot(e.clientX - down.x, e.clientY - down.y) <= CLICK_SLOP_PX) {
      onClick(e.clientX, e.clientY);
    }
    down = null;
  };
  const cancel = (): void => {
    down = null;
  };
  element.addEventListener('pointerdown', press);
  element.addEventListener('pointerup', release);
  element.addEventListener('pointercancel', cancel);
  return () => {
    element.removeEventListener('pointerdown', press);
    element.removeEventListener('pointerup', release);
    element.removeEventListener('pointercancel', cancel);
  };
}

const ndc = new Vector2();

/** The instance of `mesh` nearest the camera under the client-space point (x, y) of `element`, or null. */
export function instanceAt(
  raycaster: Raycaster,
  camera: Camera,
  mesh: InstancedMesh,
  element: HTMLElement,
  x: number,
  y: number,
): number | null {
  const rect = element.getBoundingClientRect();
  ndc.set(((x - rect.left) / rect.width) * 2 - 1, 1 - ((y - rect.top) / rect.height) * 2);
  raycaster.setFromCamera(ndc, camera);
  return raycaster.intersectObject(mesh, false)[0]?.instanceId ?? null;
}
