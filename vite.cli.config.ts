import { defineConfig } from 'vite';

// The command line is the engine bundled for Node: one self-contained ES module (WGSL inlined via
// ?raw) that needs only the `webgpu` package beside it, so it can also travel to a GPU machine.
export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    copyPublicDir: false,
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      external: ['webgpu'],
      output: { entryFileNames: 'cli.mjs', inlineDynamicImports: true },
    },
  },
  ssr: { noExternal: true, external: ['webgpu'] },
});
