import { create, globals } from 'webgpu';

let instance: GPU | null = null;

/**
 * WebGPU in Node through Dawn (the `webgpu` package). Its globals (GPUBufferUsage and friends) are
 * installed once so the engine code reads the same as in a browser. The instance is kept for the
 * life of the process: once the GPU object is garbage-collected, Dawn tears down the instance
 * under devices still in use and the process crashes.
 */
export function nodeGpu(): GPU {
  if (!instance) {
    Object.assign(globalThis, globals);
    instance = create([]) as GPU;
  }
  return instance;
}
