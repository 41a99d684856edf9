import { expect, test } from '@playwright/test';
import type { Accuracy } from '../src/engine/results';
import type { EngineCheckResult } from './engineCheckTypes';

// The accuracy targets for the f32 GPU engine (as in test/gpu/forces.test.ts).
const TOLERANCE = {
  force: 1e-4, // eV/Å, largest force component error
  atomEnergy: 1e-5, // eV, largest per-atom energy error
  energyPerAtom: 1e-6, // eV
  pressure: 1, // bar, largest pressure component error
};

const CASES = [
  ['b2_tri', 'sheng'],
  ['b2_ortho', 'mendelev'],
] as const;

function expectWithin(err: Accuracy | undefined, against: string): void {
  expect(err, `${against}: no errors reported`).toBeDefined();
  for (const [key, tol] of Object.entries(TOLERANCE) as [keyof typeof TOLERANCE, number][]) {
    expect(err![key], `${against}: ${key}`).toBeLessThanOrEqual(tol);
  }
}

const fmt = (a: Accuracy) =>
  `force ${a.force.toExponential(2)} eV/Å, atom energy ${a.atomEnergy.toExponential(2)} eV, ` +
  `energy/atom ${a.energyPerAtom.toExponential(2)} eV, pressure ${a.pressure.toExponential(2)} bar, ` +
  `atom stress ${a.atomStress.toExponential(2)} bar·Å³`;

for (const [config, potential] of CASES) {
  test(`GPU EAM in the browser matches LAMMPS and the f64 oracle: ${config} / ${potential}`, async ({ page }) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto('/e2e/engine.html');
    await page.waitForFunction(() => window.ready !== undefined);
    expect(await page.evaluate(() => window.ready), 'navigator.gpu is missing: WebGPU is not enabled').toBe(true);

    const out = await page.evaluate(([c, p]) => window.runEngineCheck!(c, p, 2), [config, potential] as const);
    // A missing adapter comes back as an error, and fails the test: a GPU test that skipped would test nothing.
    if ('error' in out) throw new Error(`engine check failed in the browser: ${out.error}`);
    const result: EngineCheckResult = out;
    console.log(`${config} / ${potential}: adapter ${result.adapter}, ${result.natoms} atoms, evaluate ${result.evaluateMs.toFixed(1)} ms`);
    for (const r of result.replicas) {
      if (r.lammps) console.log(`  replica ${r.replica} vs LAMMPS: ${fmt(r.lammps)}`);
      console.log(`  replica ${r.replica} vs oracle: ${fmt(r.oracle)}`);
    }
    expect(result.natoms).toBe(250);
    expect(result.replicas).toHaveLength(2);
    expectWithin(result.replicas[0].lammps, 'replica 0 vs LAMMPS');
    for (const r of result.replicas) expectWithin(r.oracle, `replica ${r.replica} vs oracle`);
    expect(pageErrors).toEqual([]);
  });
}
