import { expect, test } from '@playwright/test';

// The shipped default glass (public/samples/README.md): −4.97582 eV/atom by the f64 reference.
const DEFAULT_ENERGY_PER_ATOM = -4.97582;

test('the app evaluates the default glass on WebGPU and shows the results', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));

  await page.goto('/');
  await expect(page).toHaveTitle('STZ Lab');
  const energy = page.getByTestId('energy-per-atom');
  // Fail with the page's own error message rather than a bare timeout.
  await expect(page.locator('#energy-per-atom:not(:empty), #error:not([hidden]), #no-webgpu').first()).toBeVisible({
    timeout: 150_000,
  });
  await expect(page.locator('#no-webgpu'), 'the app says WebGPU is missing').toHaveCount(0);
  await expect(page.locator('#error'), 'the app shows an error').toBeHidden();

  await expect(page.getByTestId('sample-name')).toHaveText('cu50zr50_2000.data');
  await expect(page.getByTestId('natoms')).toHaveText('2000');
  const ePerAtom = Number((await energy.textContent())!.replace('−', '-'));
  expect(ePerAtom).toBeCloseTo(DEFAULT_ENERGY_PER_ATOM, 3);
  expect(Math.abs(ePerAtom - DEFAULT_ENERGY_PER_ATOM)).toBeLessThanOrEqual(0.0005);
  const adapter = (await page.getByTestId('adapter').textContent())!;
  expect(adapter.length).toBeGreaterThan(0);
  const evalMs = Number(await page.getByTestId('eval-ms').textContent());
  expect(evalMs).toBeGreaterThan(0);
  console.log(`app: ${ePerAtom} eV/atom on ${adapter}, ${evalMs} ms per evaluation`);

  // Re-run evaluates again and keeps the same physics.
  await page.getByTestId('rerun').click();
  await expect(page.getByTestId('rerun')).toBeEnabled({ timeout: 60_000 });
  await expect(energy).toHaveText((await energy.textContent())!);

  await page.screenshot({ path: testInfo.outputPath('app.png'), fullPage: true });
  expect(errors).toEqual([]);
});
