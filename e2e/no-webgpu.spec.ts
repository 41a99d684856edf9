import { expect, test } from '@playwright/test';

// Runs in the chromium-no-webgpu project: Chromium without the WebGPU flags finds no adapter.
test('without WebGPU the app explains what is needed and how to enable it', async ({ page }, testInfo) => {
  await page.goto('/');
  const message = page.locator('#no-webgpu');
  await expect(message).toBeVisible({ timeout: 60_000 });
  await expect(message.getByRole('heading', { level: 1 })).toContainText('WebGPU is not available');
  await expect(message).toContainText('chrome://flags/#enable-unsafe-webgpu');
  await expect(message).toContainText('Chrome or Edge 113');
  await expect(message).toContainText('How to enable it');
  await expect(page.locator('#results')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('no-webgpu.png'), fullPage: true });
});
