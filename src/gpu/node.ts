import { create, globals } from 'webgpu';

// Dawn tears an instance down once its GPU object is garbage-collected, even under devices still in
// use, and the process crashes; instances made here live as long as the process.
const instances: GPU[] = [];

/**
 * WebGPU in Node through Dawn (the `webgpu` package). Its globals (GPUBufferUsage and friends) are
 * installed so the engine code reads the same as in a browser. Each call makes a new instance,
 * which reads the Vulkan driver environment (VK_ICD_FILENAMES) afresh.
 */
export function nodeGpu(): GPU {
  Object.assign(globalThis, globals);
  const gpu = create([]) as GPU;
  instances.push(gpu);
  return gpu;
}
