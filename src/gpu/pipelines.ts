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

export async function computePipeline(
  device: GPUDevice,
  src: KernelSource,
  entryPoint: string,
  constants: Record<string, number> = {},
): Promise<GPUComputePipeline> {
  const module = await shaderModule(device, src);
  device.pushErrorScope('validation');
  const pipeline = await device.createComputePipelineAsync({
    label: `${src.label}:${entryPoint}`,
    layout: 'auto',
    compute: { module, entryPoint, constants },
  });
  const error = await device.popErrorScope();
  if (error) throw new Error(`${src.label}:${entryPoint}: ${error.message}`);
  return pipeline;
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
