// The browser twin of test/gpu/forces.test.ts: the same ForceEngine on navigator.gpu, checked
// against the f64 oracle and the LAMMPS reference dumps, which the Vite dev server serves from test/.
import { ForceEngine } from '../src/engine/forceEngine';
import { accuracy, toEamResult } from '../src/engine/results';
import { requestEngineDevice } from '../src/gpu/device';
import { readLammpsData } from '../src/io/lammpsData';
import { readLammpsDump } from '../src/io/dump';
import { evaluateEam, type EamResult } from '../src/oracle/eam64';
import { readPotential } from '../src/potential/read';
import { bindPotential } from '../src/potential/tables';
import { column, kineticStress, virialReference } from '../test/helpers/kinetic';
import { jiggle } from '../test/helpers/perturb';
import type { EngineCheckOutcome, EngineCheckResult, ReplicaCheck } from './engineCheckTypes';

const POTENTIAL_FILES: Record<string, string> = {
  sheng: 'ZrCu.lammps.eam',
  mendelev: 'CuZr_mm.eam.fs',
};

async function fetchText(path: string): Promise<string> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.text();
}

/** `CONFIG__POT.txt`: energy_eV, pressure_bar (xx yy zz yz xz xy, kinetic included), volume_A3. */
function readReferenceTxt(txt: string, source: string): { energy: number; pressure: number[]; volume: number } {
  const field = (key: string) => {
    const line = txt.split('\n').find((l) => l.startsWith(key));
    if (!line) throw new Error(`${key} missing in ${source}`);
    return line.trim().split(/\s+/).slice(1).map(Number);
  };
  const [xx, yy, zz, yz, xz, xy] = field('pressure_bar');
  return { energy: field('energy_eV')[0], pressure: [xx, yy, zz, xy, xz, yz], volume: field('volume_A3')[0] };
}

async function runEngineCheck(config: string, potential: string, nreplicas: number): Promise<EngineCheckResult> {
  const potFile = POTENTIAL_FILES[potential];
  if (!potFile) throw new Error(`unknown potential ${potential} (known: ${Object.keys(POTENTIAL_FILES).join(', ')})`);
  const ref = '/test/fixtures/reference';
  const [dataText, potText, dumpText, txt] = await Promise.all([
    fetchText(`${ref}/${config}.data`),
    fetchText(`/test/fixtures/potentials/${potFile}`),
    fetchText(`${ref}/${config}__${potential}.dump`),
    fetchText(`${ref}/${config}__${potential}.txt`),
  ]);
  const system = readLammpsData(dataText, `${config}.data`);
  const pot = readPotential(potText, potFile);
  const tables = bindPotential(pot, system.typeNames.map((e) => e ?? '?'));
  const dump = readLammpsDump(dumpText, `${config}__${potential}.dump`);
  const lammpsTotals = readReferenceTxt(txt, `${config}__${potential}.txt`);

  const virial = virialReference({
    system,
    dump,
    kineticStress: kineticStress(system, pot.masses.map((m, e) => [pot.elements[e], m] as const)),
    pressure: lammpsTotals.pressure,
    volume: lammpsTotals.volume,
  });
  const n = system.natoms;
  const lammps: EamResult = {
    energy: lammpsTotals.energy,
    peAtom: column(dump, 'c_pea'),
    forces: Float64Array.from({ length: 3 * n }, (_, k) => column(dump, ['fx', 'fy', 'fz'][k % 3])[Math.floor(k / 3)]),
    stressAtom: virial.stressAtom,
    pressure: virial.pressure,
    volume: lammpsTotals.volume,
  };

  // Replica 0 is the file's configuration; the others are jiggled by up to 0.05 Å (seeded), same box.
  const positions = Array.from({ length: nreplicas }, (_, r) =>
    r === 0 ? system.positions : jiggle(system.positions, 0.05, 10 + r),
  );
  const gpu = await requestEngineDevice(navigator.gpu);
  try {
    gpu.device.pushErrorScope('validation');
    const engine = await ForceEngine.create(gpu.device, tables, system.types, system.positions, system.box, nreplicas);
    positions.forEach((p, r) => engine.setPositions(p, r));
    const totals = await engine.evaluate();
    const t0 = performance.now();
    await engine.evaluate();
    const evaluateMs = performance.now() - t0;
    const replicas: ReplicaCheck[] = [];
    for (let r = 0; r < nreplicas; r++) {
      const got = toEamResult(await engine.readAtoms(r), system.box);
      const oracle = evaluateEam(tables, system.box, positions[r], system.types);
      replicas.push({
        replica: r,
        oracle: accuracy(got, totals[r], system.box, oracle),
        ...(r === 0 ? { lammps: accuracy(got, totals[r], system.box, lammps) } : {}),
      });
    }
    engine.destroy();
    const error = await gpu.device.popErrorScope();
    if (error) throw new Error(`WebGPU validation error: ${error.message}`);
    return { adapter: gpu.adapterName, config, potential, natoms: n, replicas, evaluateMs };
  } finally {
    gpu.device.destroy();
  }
}

window.runEngineCheck = async (config, potential, replicas): Promise<EngineCheckOutcome> => {
  try {
    return await runEngineCheck(config, potential, replicas);
  } catch (e) {
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
};
// false (not left unset) when navigator.gpu is missing, so the test fails at once instead of timing out.
window.ready = 'gpu' in navigator && navigator.gpu !== undefined;
