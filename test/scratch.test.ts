import { it } from 'vitest';
import { runAqs } from '../src/protocols/aqs';
import { readLammpsData } from '../src/io/lammpsData';
import { testDevice } from './helpers/gpu';
import { fixtureText, POTENTIALS } from './helpers/reference';
import { bindPotential } from '../src/potential/tables';
import { kineticStress } from './helpers/kinetic';

it('aqs', async () => {
  const { device } = await testDevice();
  const sys = readLammpsData(fixtureText('reference/glass_a.data'), 'a');
  const tables = bindPotential(POTENTIALS.sheng(), ['Cu', 'Zr']);
  const ks = kineticStress(sys, [['Cu', 63.546], ['Zr', 91.224]]);
  const V = sys.box.lx * sys.box.ly * sys.box.lz;
  const pk = [0,1,2,3,4,5].map((c) => { let s = 0; for (let i = 0; i < sys.natoms; i++) s -= ks[6*i+c]; return s / V; });
  const csv = fixtureText('reference/glass_a__aqs_mxy.csv').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const t0 = performance.now();
  const res = await runAqs(device, tables, sys.types, { positions: sys.positions, box: sys.box }, tables.masses, { directions: ['-xy'], step: 5e-5, maxStrain: 5 * 5e-5, drop: 0.5, minimize: { fmax: Number(process.env.FMAX ?? 1e-4) } }, {
    onStep: (_, s) => {
      const row = csv[s.step];
      // csv: step,strain,pe,pxx,pyy,pzz,pxy,pxz,pyz ; ours xx yy zz xy xz yz
      const ref = [row[3], row[4], row[5], row[6], row[7], row[8]].map((p, c) => -(p - pk[c]) * 0.1);
      const err = Math.max(...s.stress.map((x, c) => Math.abs(x - ref[c])));
      process.stdout.write(`step ${s.step} t ${((performance.now() - t0)/1000).toFixed(1)} it ${s.iterations} ${s.stop} fmax ${s.fmax.toExponential(2)} sxy ${s.stress[3].toFixed(3)} ref ${ref[3].toFixed(3)} maxerr ${err.toFixed(3)} pe ${s.pePerAtom} ref ${row[2]/2000} nonaff ${s.nonaffine.toFixed(4)}\n`);
    },
  });
});
