import { readLammpsData } from '../../src/io/lammpsData';
import { shearedBox } from '../../src/protocols/shear';
import { deformationBetween } from '../../src/system/box';
import { fixtureText } from './reference';
import { deform } from './perturb';

const load = (name: string) => readLammpsData(fixtureText(`events/${name}.data`), `${name}.data`);

/**
 * glass_a's first −xy event (test/fixtures/events): the relaxed states before and after it, and
 * the pair the per-atom descriptors compare, the pre-event state carried affinely by the step
 * (`before`; deform carries about the origin, so the cell corner moves too, by 1.5e-6 Å: a rigid
 * translation) and the relaxed post-event state (`after`).
 */
export function glassAEvent() {
  const pre = load('glass_a_mxy_event1_pre');
  const post = load('glass_a_mxy_event1_post');
  const before = deform(pre.positions, pre.box, deformationBetween(pre.box, shearedBox(pre.box, '-xy', 5e-5)));
  const after = { box: post.box, positions: post.positions };
  return { pre, post, before, after };
}
