import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readExtXyz } from '../src/io/extxyz';

/** Distinct colours in a screenshot of the 3-D view: a blank canvas has one or two. */
async function canvasColours(page: Page): Promise<number> {
  const png = await page.getByTestId('atoms-canvas').screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set<number>();
    for (let k = 0; k < d.length; k += 4 * 7) seen.add((d[k] << 16) | (d[k + 1] << 8) | d[k + 2]);
    return seen.size;
  }, png.toString('base64'));
}

// The shipped demo sample is one −xy strain step (5e-5) before a 59.6 MPa event whose STZ core the
// CLI finds as 17 atoms (test/fixtures/events/README.md). Freezing the 16 atoms that move most keeps
// the analysis to 17 replicas, which SwiftShader relaxes in about half a minute; about half of them
// are core atoms, so the gap must be sought below the unfrozen D_f, not below the histogram's mode.
test('shear to the first event, analyse it, and export what is seen', async ({ page }, testInfo) => {
  test.setTimeout(900_000);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.setViewportSize({ width: 1400, height: 1000 });

  await page.goto('/?sample=demo&atoms=16');
  await expect(page).toHaveTitle('STZ Lab');
  await expect(page.getByTestId('status')).toContainText('Ready: 250 atoms', { timeout: 120_000 });
  await expect(page.getByTestId('sample-name')).toHaveText('cu50zr50_250_mxy_event4_pre.data');
  await expect(page.getByTestId('adapter')).not.toHaveText('…');
  expect(await canvasColours(page), 'the 3-D view shows atoms').toBeGreaterThan(50);
  await page.screenshot({ path: testInfo.outputPath('1-loaded.png') });

  // Space runs (the lecturer's shortcut), as the Run button does.
  await page.locator('body').press(' ');
  const event = page.getByTestId('event-1');
  await expect(event).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('status')).toHaveText(/^Event 1 at strain 0\.005 %: the shear stress fell by 59\.6 MPa\. Press A \(or Analyse\) to find its STZ core\.$/);
  await page.getByTestId('pause').click().catch(() => undefined);
  await expect(page.getByTestId('step')).toBeEnabled({ timeout: 120_000 });
  const drop = Number((await event.locator('td').nth(2).textContent())!);
  expect(drop, 'the event drops the stress by far more than the threshold').toBeGreaterThan(10);
  expect(await page.getByTestId('stress-strain').locator('canvas').count()).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('2-event.png') });

  // A, the lecturer's shortcut, analyses the latest event.
  await page.locator('body').press('a');
  await expect(page.getByTestId('analysis-progress')).toBeVisible();
  await expect(page.getByTestId('analysis-progress')).toContainText('/ 17 replicas', { timeout: 120_000 });
  // Core atoms' relaxations end first (no event to go through): the progress names them as they come.
  await expect(page.getByTestId('stopped-so-far')).toContainText(/freezing (one atom|\d+ atoms) stopped the event \(shown in the view\)/, { timeout: 600_000 });
  await expect(page.getByTestId('core-so-far')).toContainText('found so far whose freezing stops the event');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath('3-analysis-running.png') });
  await expect(page.getByTestId('core-size')).toBeVisible({ timeout: 800_000 });
  const core = Number((await page.getByTestId('core-size').textContent())!.split(' ')[0]);
  expect(core).toBeGreaterThan(3);
  expect(core).toBeLessThan(16);
  await expect(page.getByTestId('threshold')).toContainText('gap');
  // Every relaxation that stopped the event was taken on to 5e-6 eV/Å: the core atoms that let it happen then are marginal.
  const robust = Number((await page.getByTestId('robust-core-size').textContent())!.split(' ')[0]);
  expect(robust).toBeGreaterThan(0);
  expect(robust).toBeLessThanOrEqual(core);
  await expect(page.getByTestId('core-marginal')).toHaveText(
    robust === core
      ? 'Every core atom stopped the event again when its relaxation went on to 5e-6 eV/Å.'
      : new RegExp(`^${core - robust} of the ${core} core atoms (is|are) marginal: .* when the relaxation went on to 5e-6 eV/Å, so .* the event down rather than stop it\\.$`),
  );
  // Every core atom stopped the event: no warning that the threshold separates no core.
  await expect(page.getByTestId('core-with-event')).toHaveCount(0);
  const dfUnfrozen = Number((await page.getByTestId('df-unfrozen').textContent())!.split(' ')[0]);
  expect(dfUnfrozen).toBeCloseTo(2.113, 1);
  await expect(page.getByTestId('histogram-df').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('histogram-bonds').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('bond-shells')).toContainText('Cu–Cu 3.05 Å, Cu–Zr 3.75 Å, Zr–Zr 4.35 Å; the paper’s');
  await expect(page.getByTestId('bonds-in-core')).toHaveText(/^(\d+ atoms|One atom) broke or formed three bonds or more, \d+ of (them|it) in the STZ core \(found among the 16 atoms analysed\)\.$/);
  await expect(page.getByTestId('colorbar')).toContainText('D_f');
  expect(await canvasColours(page)).toBeGreaterThan(50);
  await page.getByTestId('analysis-summary').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('3-analysis.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByTestId('export-extxyz').click();
  const file = await (await download).path();
  const exported = readExtXyz(readFileSync(file, 'utf8'), 'export.extxyz');
  expect(exported.natoms).toBe(250);
  const df = exported.properties.find((p) => p.name === 'D_f');
  expect(df, 'the export has a D_f column').toBeDefined();
  const analysed = Array.from(df!.values as Float64Array).filter((v) => v >= 0);
  expect(analysed).toHaveLength(16);
  const coreColumn = exported.properties.find((p) => p.name === 'stz_core')!;
  expect(Array.from(coreColumn.values as Int32Array).filter((v) => v === 1)).toHaveLength(core);
  const marginalColumn = Array.from(exported.properties.find((p) => p.name === 'marginal')!.values as Int32Array);
  // Each broken or formed bond counts for both its atoms; a 59.6 MPa event breaks some.
  for (const name of ['bonds_broken', 'bonds_formed']) {
    const column = exported.properties.find((p) => p.name === name);
    expect(column?.kind, `the export has an integer ${name} column`).toBe('int');
    const sum = Array.from(column!.values as Int32Array).reduce((a, b) => a + b, 0);
    expect(sum % 2, `${name} counts each bond twice`).toBe(0);
    expect(sum).toBeGreaterThan(0);
  }

  // The analysis summary: the core as shown, and the paper's comparison of bond changes with it.
  const summaryDownload = page.waitForEvent('download');
  await page.getByTestId('export-summary').click();
  const summary = JSON.parse(readFileSync(await (await summaryDownload).path(), 'utf8'));
  expect(summary).toMatchObject({ natoms: 250, analysed: 16, core_size: core, direction: '-xy', strain_step: 5e-5 });
  expect(summary.core_ids).toHaveLength(core);
  expect(summary.robust_core_ids).toHaveLength(robust);
  expect(summary.confirm_fmax).toBe(5e-6);
  for (const id of summary.robust_core_ids) expect(summary.core_ids).toContain(id);
  for (const id of summary.core_ids) expect(summary.robust_core_ids.includes(id)).toBe(!summary.marginal_ids.includes(id));
  expect(marginalColumn.filter((v) => v === 1)).toHaveLength(summary.marginal_ids.length);
  expect(summary.df_unfrozen).toBeCloseTo(dfUnfrozen, 3);
  expect(summary.bond_shells.map((b: { pair: string }) => b.pair)).toEqual(['Cu-Cu', 'Cu-Zr', 'Zr-Zr']);
  const inCore = Number((await page.getByTestId('bonds-in-core').textContent())!.match(/, (\d+) of/)![1]);
  expect(summary.core_ids_with_3_or_more_bond_changes).toHaveLength(inCore);
  for (const id of summary.core_ids_with_3_or_more_bond_changes) {
    expect(summary.core_ids).toContain(id);
    expect(summary.ids_with_3_or_more_bond_changes).toContain(id);
  }

  // The view can show the bond changes too; the colour bar says so.
  await page.getByTestId('color-by').selectOption('bonds');
  await expect(page.getByTestId('colorbar')).toContainText('bonds broken + formed (per atom)');
  expect(await canvasColours(page)).toBeGreaterThan(50);
  await page.getByTestId('atoms-canvas').screenshot({ path: testInfo.outputPath('3-bonds.png') });
  await page.getByTestId('color-by').selectOption('df');

  // Dragging the threshold line to just above the gap's lower end switches to a user threshold.
  const line = page.getByTestId('histogram-df').locator('.stz-drag-line');
  await line.scrollIntoViewIfNeeded();
  const lineBox = (await line.boundingBox())!;
  await page.mouse.move(lineBox.x + lineBox.width / 2, lineBox.y + lineBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(lineBox.x + lineBox.width / 2 + 30, lineBox.y + lineBox.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('method-user')).toBeChecked();
  await expect(page.getByTestId('core-with-event')).toHaveCount(0);
  // Dragged to the right end, past every D_f, the threshold takes in atoms whose freezing let the event happen: a warning says so.
  const plot = (await page.getByTestId('histogram-df').locator('.u-over').boundingBox())!;
  const lineNow = (await line.boundingBox())!;
  await page.mouse.move(lineNow.x + lineNow.width / 2, lineNow.y + lineNow.height / 2);
  await page.mouse.down();
  await page.mouse.move(plot.x + plot.width + 50, lineNow.y + lineNow.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('core-with-event')).toBeVisible();
  const wide = Number((await page.getByTestId('core-size').textContent())!.split(' ')[0]);
  expect(wide, 'all but the largest D_f lie below the right end').toBeGreaterThanOrEqual(15);
  await expect(page.getByTestId('core-with-event')).toHaveText(
    new RegExp(`^With ${wide - core === 1 ? 'one of the core atoms' : `${wide - core} of the core atoms`} held the event happened all the same: this threshold separates no STZ core`),
  );
  await page.getByTestId('method-gap').check();
  await expect(page.getByTestId('core-size')).toHaveText(`${core} atoms`);
  await expect(page.getByTestId('core-with-event')).toHaveCount(0);

  // Click an atom in the middle of the view, then replay the event with it frozen.
  const canvas = page.getByTestId('atoms-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const view = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: view.width / 2, y: view.height / 2 } });
  await expect(page.getByTestId('atom-panel')).toBeVisible();
  await expect(page.getByTestId('atom-bonds')).toHaveText(/^\d+ broken, \d+ formed$/);
  // The atom panel lies below the analysis: the view's card says which atom the click picked.
  const card = page.getByTestId('atom-card');
  await expect(card).toBeInViewport();
  await expect(card).toContainText((await page.locator('#atom-title').textContent())!);
  await card.getByTestId('card-freeze-atom').click();
  await expect(page.getByTestId('worlds')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('worlds')).toContainText('Nothing frozen: D_f 2.1');
  await expect(page.getByTestId('worlds'), "the card's Freeze scrolls to the two worlds").toBeInViewport({ ratio: 0.5 });
  await page.screenshot({ path: testInfo.outputPath('4-parallel-worlds.png'), fullPage: true });

  // A reload restores the session: the event and its analysis, without recomputing.
  await page.reload();
  await expect(page.getByTestId('event-1')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('event-1').click();
  await expect(page.getByTestId('core-size')).toBeVisible();
  expect(page.url()).toContain('sample=demo');

  // A session saved before bond changes were counted, and before relaxations were confirmed, gets
  // the bond changes on restore, from the event's states, and says it was not confirmed.
  await page.waitForTimeout(2500); // past the autosave that the restore itself schedules
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('stz-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('session', 'readwrite').objectStore('session');
          const get = store.get('current');
          get.onsuccess = () => {
            const saved = get.result;
            for (const a of saved.analyses) for (const key of ['bondsBroken', 'bondsFormed', 'shells', 'bondThreshold', 'marginal', 'confirmFmax']) delete a[key];
            store.put(saved, 'current').onsuccess = () => resolve();
          };
        };
      }),
  );
  await page.reload();
  await expect(page.getByTestId('event-1')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('event-1').click();
  await expect(page.getByTestId('histogram-bonds').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('bond-shells')).toContainText('Zr–Zr 4.35 Å');
  await expect(page.getByTestId('core-marginal')).toContainText('not confirmed');
  await expect(page.getByTestId('robust-core-size')).toHaveText((await page.getByTestId('core-size').textContent())!);

  expect(errors).toEqual([]);
});

test('opens on the default glass and loads a dropped-in sample, rejecting a broken one', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto('/');
  await expect(page.getByTestId('status')).toContainText('Ready: 2000 atoms', { timeout: 120_000 });
  await expect(page.getByTestId('sample-name')).toHaveText('cu50zr50_2000.data');
  await expect(page.getByTestId('potential-name')).toHaveText('ZrCu.lammps.eam');
  expect(await canvasColours(page)).toBeGreaterThan(50);
  await page.screenshot({ path: testInfo.outputPath('default.png') });

  await page.getByTestId('file-input').setInputFiles({ name: 'broken.data', mimeType: 'text/plain', buffer: Buffer.from('LAMMPS data\n\n10 atoms\n1 atom types\n') });
  await expect(page.getByTestId('error')).toContainText('broken.data');
  await expect(page.getByTestId('sample-name')).toHaveText('cu50zr50_2000.data');

  await page.getByTestId('file-input').setInputFiles('public/samples/cu50zr50_432.data');
  await expect(page.getByTestId('natoms')).toHaveText('432');
  await expect(page.getByTestId('status')).toContainText('Ready: 432 atoms', { timeout: 120_000 });

  // Step takes one strain step (the start's relaxation, step 0, comes first, on the curve); then
  // the GPU device is lost: the page keeps the run and resumes from step 1.
  await page.getByTestId('step').click();
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 1, strain 0.005 %', { timeout: 120_000 });
  await expect(page.getByTestId('step')).toBeEnabled({ timeout: 120_000 });
  const curve = page.waitForEvent('download');
  await page.getByTestId('export-curve').click();
  const rows = readFileSync(await (await curve).path(), 'utf8').trim().split('\n');
  expect(rows.slice(1).map((r) => Number(r.split(',')[0])), 'the curve: the relaxed start, then step 1').toEqual([0, 1]);
  const engine = page.workers().find((w) => w.url().includes('worker'))!;
  await engine.evaluate(() => (self as unknown as { stzDevice: GPUDevice }).stzDevice.destroy());
  await expect(page.getByTestId('error')).toContainText('GPU device was lost');
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('status')).toContainText('Paused at strain 0.005', { timeout: 120_000 });
  await page.getByTestId('step').click();
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 2,', { timeout: 120_000 });
  await expect(page.getByTestId('step')).toBeEnabled({ timeout: 120_000 });

  // Another direction would shear afresh, so a sheared run is let go only when the person says so.
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    return d.dismiss();
  });
  await page.getByTestId('direction-+xz').click({ force: true });
  await expect.poll(() => asked).toHaveLength(1);
  expect(asked[0]).toBe('Shearing +xz instead ends the current run (step 2, 0 events, 0 analyses): its curve, events and analyses are not kept. Export what you need first. Go on?');
  await expect(page.getByTestId('direction--xy')).toBeChecked();
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 2,');
  // The maximum strain is a limit the run keeps its steps under: reached, then raised, it goes on.
  await page.getByTestId('max-strain').fill('0.015');
  await page.getByTestId('max-strain').blur();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('status')).toHaveText('Reached the maximum strain (0.015 %) or the end of the run.', { timeout: 120_000 });
  await expect(page.getByTestId('run')).toBeDisabled();
  await page.getByTestId('max-strain').fill('0.02');
  await page.getByTestId('max-strain').blur();
  await expect(page.getByTestId('status')).toHaveText('Paused at strain 0.015 %.');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 4,', { timeout: 120_000 });
  await expect(page.getByTestId('status')).toHaveText('Reached the maximum strain (0.02 %) or the end of the run.', { timeout: 120_000 });
  await page.getByTestId('max-strain').fill('15');
  await page.getByTestId('max-strain').blur();
  expect(asked).toHaveLength(1);

  // The sample picker: the same.
  const picker = page.getByTestId('shipped-sample');
  await expect(picker).toHaveValue('custom');
  page.once('dialog', (d) => {
    asked.push(d.message());
    return d.dismiss();
  });
  await picker.selectOption('demo');
  await expect.poll(() => asked).toHaveLength(2);
  expect(asked[1]).toContain('step 4, 0 events, 0 analyses');
  await expect(picker).toHaveValue('custom');
  await expect(page.getByTestId('natoms')).toHaveText('432');
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 4,');
  page.once('dialog', (d) => d.accept());
  await picker.selectOption('demo');
  await expect(page.getByTestId('sample-name')).toHaveText('cu50zr50_250_mxy_event4_pre.data');
  await expect(page.getByTestId('status')).toContainText('Ready: 250 atoms', { timeout: 120_000 });
  await expect(picker).toHaveValue('demo');
  await expect(page).toHaveURL(/[?&]sample=demo(&|$)/);
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 0,');
  // Nothing sheared yet: the next pick asks nothing.
  await picker.selectOption('medium');
  await expect(page.getByTestId('natoms')).toHaveText('432');
  await expect(page.getByTestId('sample-name')).toHaveText('cu50zr50_432.data');

  // R resets a sheared run only when the person says so.
  await expect(page.getByTestId('status')).toContainText('Ready: 432 atoms', { timeout: 120_000 });
  await page.getByTestId('step').click();
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 1,', { timeout: 120_000 });
  await expect(page.getByTestId('step')).toBeEnabled({ timeout: 120_000 });
  page.once('dialog', (d) => {
    asked.push(d.message());
    return d.dismiss();
  });
  await page.locator('body').press('r');
  await expect.poll(() => asked).toHaveLength(3);
  expect(asked[2]).toMatch(/^Reset ends the current run \(step 1, 0 events, 0 analyses\)/);
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 1,');
  page.once('dialog', (d) => d.accept());
  await page.locator('body').press('r');
  await expect(page.getByTestId('aqs-readout')).toHaveText('Step 0, strain 0.000 %');
  expect(errors).toEqual([]);
});

// The engine finishes the step in flight and cancels the analysis before the sample changes under
// them; what they report afterwards belongs to the old run and is dropped.
test('a sample picked while an analysis runs or the run shears replaces it cleanly', async ({ page }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => d.accept());
  await page.goto('/?sample=demo&atoms=16');
  await expect(page.getByTestId('status')).toContainText('Ready: 250 atoms', { timeout: 120_000 });
  // One Step is the event.
  await page.getByTestId('step').click();
  await expect(page.getByTestId('event-1')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('step')).toBeEnabled({ timeout: 120_000 });
  await page.getByTestId('analyse-1').click();
  await expect(page.getByTestId('analysis-progress')).toBeVisible();
  await page.getByTestId('shipped-sample').selectOption('small');
  await expect(page.getByTestId('sample-name')).toHaveText('cu50zr50_250.data');
  await expect(page.getByTestId('status')).toContainText('Ready: 250 atoms', { timeout: 120_000 });
  await expect(page.getByTestId('analysis-progress')).toHaveCount(0);

  // A direction just chosen keeps the focus on its radio button: Space runs from there too.
  await page.locator('label.direction', { hasText: '+xz' }).click();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('status')).toHaveText('Shearing +xz…');
  // Steps of 250 atoms go by faster than the readout is polled: any step past the start will do.
  await expect(page.getByTestId('aqs-readout')).toContainText(/Step [1-9]\d*,/, { timeout: 120_000 });
  await page.getByTestId('shipped-sample').selectOption('medium');
  await expect(page.getByTestId('status')).toContainText('Ready: 432 atoms', { timeout: 120_000 });
  // Where a superseded step would land.
  await page.waitForTimeout(5000);
  await expect(page.getByTestId('aqs-readout')).toContainText('Step 0,');
  await expect(page.getByTestId('status')).toContainText('Ready: 432 atoms');
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link to files loaded in another browser opens the default glass and says why', async ({ page }) => {
  await page.goto('/?sample=custom');
  await expect(page.getByTestId('status')).toContainText('Ready: 2000 atoms', { timeout: 120_000 });
  await expect(page.getByTestId('error')).toContainText("Opened the default glass: the link's sample came from files loaded in another browser");
  await expect(page.getByTestId('shipped-sample')).toHaveValue('default');
});

// The quench relaxes the cell at the end, which can narrow a small glass's box below twice the
// cutoff: too few cells are refused before the MD. The glass is Cu–Zr whatever the loaded sample's
// type order: from a sample with Zr as type 1, a Cu fraction of 0.64 gives 160 Cu atoms of 250.
test('makes a new glass by melt–quench, refusing a potential without Cu and Zr or a box too small for it', async ({ page }) => {
  test.setTimeout(900_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto('/?sample=small');
  await expect(page.getByTestId('status')).toContainText('Ready: 250 atoms', { timeout: 120_000 });
  // A Cu-only potential can make no Cu–Zr glass: the form says so and offers no Quench.
  await page.getByTestId('file-input').setInputFiles(['test/fixtures/funcfl/cu_fcc.data', 'test/fixtures/potentials/Cu_u3.eam']);
  await expect(page.getByTestId('potential-name')).toHaveText('Cu_u3.eam');
  await page.getByText('Make a new glass').click();
  await expect(page.getByTestId('quench-no-elements')).toHaveText('A new glass is Cu–Zr, and Cu_u3.eam has no Zr: load a potential with both.');
  await expect(page.getByTestId('quench')).toBeDisabled();
  await page.getByTestId('file-input').setInputFiles('public/potentials/ZrCu.lammps.eam');
  await expect(page.getByTestId('quench-no-elements')).toHaveCount(0);

  const zrFirst = readFileSync('public/samples/cu50zr50_250.data', 'utf8')
    .replace('1 63.55 # Cu\n2 91.22 # Zr', '1 91.22 # Zr\n2 63.55 # Cu')
    .replace(/^(\d+) ([12]) /gm, (_, id: string, t: string) => `${id} ${t === '1' ? '2' : '1'} `);
  await page.getByTestId('file-input').setInputFiles({ name: 'zr_first_250.data', mimeType: 'text/plain', buffer: Buffer.from(zrFirst) });
  await expect(page.getByTestId('sample-name')).toHaveText('zr_first_250.data');
  await expect(page.getByTestId('status')).toContainText('Ready: 250 atoms', { timeout: 120_000 });

  await page.getByTestId('quench-cells').fill('4');
  await expect(page.getByTestId('quench-too-few')).toContainText('At least 5 cells per side with ZrCu.lammps.eam');
  await expect(page.getByTestId('quench')).toBeDisabled();
  await page.getByTestId('quench-cells').fill('5');
  await expect(page.getByTestId('quench-too-few')).toHaveCount(0);
  await page.getByLabel('Cu fraction').fill('0.64');
  await page.getByLabel('Quench rate').selectOption({ label: '1e+14 K/s' });
  const started = Date.now();
  await page.getByTestId('quench').click();
  await expect(page.getByLabel('quench progress')).toBeVisible();
  const name = 'glass_250_cu0.64_rate1e+14_seed1.data';
  await expect(page.getByTestId('status')).toContainText(`New glass ${name}`, { timeout: 800_000 });
  const perAtom = Number((await page.getByTestId('status').textContent())!.match(/(-\d+\.\d+) eV\/atom/)![1]);
  console.log(`quench of 250 atoms at 1e14 K/s in the browser: ${((Date.now() - started) / 1000).toFixed(0)} s, ${perAtom} eV/atom`);
  // The same quench by the CLI (\`stz-lab quench --cells 5 --cu 0.64 --rate 1e14 --seed 1\`) gave
  // −4.5806 eV/atom (2026-11-27); MD trajectories part ways in f32, glasses of one recipe do not by much.
  expect(Math.abs(perAtom - -4.5806)).toBeLessThan(0.02);
  await expect(page.getByTestId('sample-name')).toHaveText(name);
  await expect(page.getByTestId('natoms')).toHaveText('250');
  await expect(page.getByTestId('shipped-sample')).toHaveValue('custom');
  await expect(page.getByTestId('status')).toContainText('Ready: 250 atoms', { timeout: 120_000 });

  const download = page.waitForEvent('download');
  await page.getByTestId('export-extxyz').click();
  const glass = readExtXyz(readFileSync(await (await download).path(), 'utf8'), 'glass.extxyz');
  expect(Array.from(glass.types).filter((t) => glass.typeNames[t] === 'Cu')).toHaveLength(160);
  expect(errors).toEqual([]);
});
