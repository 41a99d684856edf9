import { defineConfig } from '@playwright/test';

// WebGPU in headless Chromium on a GPU-less machine: Debian's Chromium with SwiftShader (see
// shared/notes/webgpu-env.md). The Vulkan/ANGLE flags are needed for WebGPU canvases, not just compute.
const BASE_ARGS = ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-angle=swiftshader'];

/**
 * The environment without Vulkan ICD overrides: the Node GPU tests set VK_ICD_FILENAMES, and in
 * Chromium it can switch ANGLE/WebGL to that ICD.
 */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'VK_ICD_FILENAMES' && k !== 'VK_DRIVER_FILES') env[k] = v;
  }
  return env;
}

const NO_WEBGPU_SPEC = /no-webgpu\.spec\.ts$/;

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  // Two cores, and SwiftShader runs WebGPU on them: one browser at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  webServer: {
    command: 'npx vite --host 127.0.0.1 --port 5173 --strictPort',
    cwd: '..',
    url: 'http://127.0.0.1:5173',
    reuseExistingServer: false,
    timeout: 120_000,
    env: cleanEnv(),
  },
  use: {
    baseURL: 'http://127.0.0.1:5173',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium-webgpu',
      testIgnore: NO_WEBGPU_SPEC,
      use: {
        launchOptions: { executablePath: '/usr/bin/chromium', args: [...BASE_ARGS, ...WEBGPU_ARGS], env: cleanEnv() },
      },
    },
    {
      name: 'chromium-no-webgpu',
      testMatch: NO_WEBGPU_SPEC,
      use: {
        launchOptions: { executablePath: '/usr/bin/chromium', args: [...BASE_ARGS, '--disable-gpu'], env: cleanEnv() },
      },
    },
  ],
});
