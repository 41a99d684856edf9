import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const swiftshaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', outDir: 'dist' },
  test: {
    include: ['test/**/*.test.ts'],
    // dawn.node finds no adapter on a GPU-less machine unless pointed at Chromium's SwiftShader ICD.
    env: {
      VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? swiftshaderIcd,
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
    },
    // SwiftShader runs the GPU tests on 2 CPU cores; some take minutes when both forks are busy.
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
