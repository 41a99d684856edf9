/**
 * Compute pipelines built from WGSL pieces concatenated in order (WGSL has no includes), with
 * compile errors turned into exceptions that name the kernel and the line.
 */
export interface KernelSource {
  readonly label: string;
  readonly parts: readonly string[];
}

const modules = new WeakMap<GPUDevice, Map<string, GPUShaderModule>>();

async function shaderModule(device: GPUDevice, src: KernelSource): Promise<GPUShaderModule> {
  let cache = modules.get(device);
  if (!cache) {
    cache = new Map();
    modules.set(device, cache);
  }
  const code = src.parts.join('\n');
  const hit = cache.get(code);
  if (hit) return hit;
  const module = device.createShaderModule({ label: src.label, code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    const text = errors.map((m) => `${src.label}:${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
    throw new Error(`WGSL compilation failed\n${text}`);
  }
  cache.set(code, module);
  return module;
}

/**
 * Pipelines are kept per device, so an engine made again (the next analysis, AQS run or test) does
 * not compile them again: on SwiftShader a force engine's pipelines take about 2 s.
 */
const pipelines = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

export function computePipeline(
  device: GPUDevice,
  src: KernelSource,
  entryPoint: string,
  constants: Record<string, number> = {},
): Promise<GPUComputePipeline> {
  let cache = pipelines.get(device);
  if (!cache) {
    cache = new Map();
    pipelines.set(device, cache);
  }
  const key = JSON.stringify([src.label, entryPoint, Object.entries(constants).sort(([a], [b]) => (a < b ? -1 : 1)), src.parts]);
  let pipeline = cache.get(key);
  if (!pipeline) {
    pipeline = createPipeline(device, src, entryPoint, constants);
    cache.set(key, pipeline);
    // A failure is reported to every caller waiting on it, and the next call tries again.
    pipeline.catch(() => cache.delete(key));
  }
  return pipeline;
}

async function createPipeline(device: GPUDevice, src: KernelSource, entryPoint: string, constants: Record<string, number>): Promise<GPUComputePipeline> {
  const module = await shaderModule(device, src);
  // The spec rejects the promise with a GPUPipelineError; the scope catches what an implementation
  // reports as a device error instead, and is popped either way.
  device.pushErrorScope('validation');
  const made = await device
    .createComputePipelineAsync({ label: `${src.label}:${entryPoint}`, layout: 'auto', compute: { module, entryPoint, constants } })
    .catch((e: unknown) => new Error(e instanceof Error ? e.message : String(e)));
  const error = await device.popErrorScope();
  const failure = error ?? (made instanceof Error ? made : null);
  if (failure) throw new Error(`${src.label}:${entryPoint}: ${failure.message}`);
  return made as GPUComputePipeline;
}

/**
 * Bind group 0 for a pipeline with an 'auto' layout, which holds only the bindings its entry point
 * uses: `buffers` maps those binding numbers to buffers.
 */
export function bindGroup(device: GPUDevice, pipeline: GPUComputePipeline, buffers: Record<number, GPUBuffer>): GPUBindGroup {
  return device.createBindGroup({
    label: pipeline.label,
    layout: pipeline.getBindGroupLayout(0),
    entries: Object.entries(buffers).map(([binding, buffer]) => ({ binding: Number(binding), resource: { buffer } })),
  });
}
