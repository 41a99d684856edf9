import type { KernelSource } from '../gpu/pipelines';
import structs from '../../shaders/common/structs.wgsl?raw';
import pbc from '../../shaders/common/pbc.wgsl?raw';
import spline from '../../shaders/common/spline.wgsl?raw';
import scan from '../../shaders/common/scan.wgsl?raw';
import cells from '../../shaders/neighbor/cells.wgsl?raw';
import list from '../../shaders/neighbor/list.wgsl?raw';
import shared from '../../shaders/neighbor/shared.wgsl?raw';
import candidates from '../../shaders/neighbor/candidates.wgsl?raw';
import visits from '../../shaders/neighbor/visits.wgsl?raw';
import terms from '../../shaders/eam/terms.wgsl?raw';
import pairs from '../../shaders/eam/pairs.wgsl?raw';
import density from '../../shaders/eam/density.wgsl?raw';
import embed from '../../shaders/eam/embed.wgsl?raw';
import force from '../../shaders/eam/force.wgsl?raw';
import sharedPairs from '../../shaders/eam/sharedPairs.wgsl?raw';
import sharedDensity from '../../shaders/eam/sharedDensity.wgsl?raw';
import sharedForce from '../../shaders/eam/sharedForce.wgsl?raw';
import totals from '../../shaders/reduce/totals.wgsl?raw';
import minState from '../../shaders/min/state.wgsl?raw';
import minReduce from '../../shaders/min/reduce.wgsl?raw';
import minStep from '../../shaders/min/step.wgsl?raw';
import fire from '../../shaders/min/fire.wgsl?raw';
import descent from '../../shaders/min/descent.wgsl?raw';
import displacement from '../../shaders/reduce/displacement.wgsl?raw';
import mdState from '../../shaders/md/state.wgsl?raw';
import kinetic from '../../shaders/md/kinetic.wgsl?raw';
import thermostat from '../../shaders/md/thermostat.wgsl?raw';
import verlet from '../../shaders/md/verlet.wgsl?raw';

/** Each kernel file with the shared pieces it uses, in dependency order. */
export const SOURCES = {
  cells: { label: 'neighbor/cells.wgsl', parts: [structs, pbc, scan, cells] },
  list: { label: 'neighbor/list.wgsl', parts: [structs, pbc, list] },
  shared: { label: 'neighbor/shared.wgsl', parts: [structs, pbc, candidates, shared] },
  visits: { label: 'neighbor/visits.wgsl', parts: [structs, scan, visits] },
  density: { label: 'eam/density.wgsl', parts: [structs, pbc, spline, terms, pairs, density] },
  embed: { label: 'eam/embed.wgsl', parts: [structs, spline, terms, embed] },
  force: { label: 'eam/force.wgsl', parts: [structs, pbc, spline, terms, pairs, force] },
  sharedDensity: { label: 'eam/sharedDensity.wgsl', parts: [structs, pbc, spline, terms, candidates, sharedPairs, sharedDensity] },
  sharedForce: { label: 'eam/sharedForce.wgsl', parts: [structs, pbc, spline, terms, candidates, sharedPairs, sharedForce] },
  totals: { label: 'reduce/totals.wgsl', parts: [structs, totals] },
  minReduce: { label: 'min/reduce.wgsl', parts: [structs, pbc, minState, minReduce] },
  fire: { label: 'min/fire.wgsl', parts: [structs, pbc, minState, minStep, fire] },
  descent: { label: 'min/descent.wgsl', parts: [structs, pbc, minState, minStep, descent] },
  displacement: { label: 'reduce/displacement.wgsl', parts: [structs, pbc, displacement] },
  kinetic: { label: 'md/kinetic.wgsl', parts: [mdState, kinetic] },
  thermostat: { label: 'md/thermostat.wgsl', parts: [mdState, thermostat] },
  verlet: { label: 'md/verlet.wgsl', parts: [structs, pbc, mdState, verlet] },
} satisfies Record<string, KernelSource>;

/** The raw WGSL files, for tests that check struct layouts against them. */
export const WGSL_FILES = { structs, totals, minState, mdState };
