import { bindGroup, computePipeline, type KernelSource } from '../gpu/pipelines';

/** One compute entry point with its bind group: what a pass needs to dispatch it. */
export class Kernel {
  private constructor(
    readonly pipeline: GPUComputePipeline,
    private group: GPUBindGroup | null,
  ) {}

  static async create(
    device: GPUDevice,
    source: KernelSource,
    entryPoint: string,
    constants: Record<string, number>,
  ): Promise<Kernel> {
    return new Kernel(await computePipeline(device, source, entryPoint, constants), null);
  }

  bind(device: GPUDevice, buffers: Record<number, GPUBuffer>): this {
    this.group = bindGroup(device, this.pipeline, buffers);
    return this;
  }

  encode(pass: GPUComputePassEncoder, x: number, y = 1): void {
    if (!this.group) throw new Error(`${this.pipeline.label}: dispatched before its buffers were bound`);
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.group);
    pass.dispatchWorkgroups(x, y);
  }
}
