import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePipeline } from '../../src/gpu/pipelines';
import type { EngineDevice } from '../../src/gpu/device';
import { testDevice } from '../helpers/gpu';

let gpu: EngineDevice;
let other: EngineDevice;
beforeAll(async () => {
  [gpu, other] = [await testDevice(), await testDevice()];
});
afterAll(() => {
  gpu.device.destroy();
  other.device.destroy();
});

const SCALE = {
  label: 'test/scale.wgsl',
  parts: [
    `override WG: u32 = 64u;
     override K: f32 = 1.0;
     @group(0) @binding(0) var<storage, read_write> x: array<f32>;
     @compute @workgroup_size(WG)
     fn main(@builtin(global_invocation_id) gid: vec3u) {
       if (gid.x < arrayLength(&x)) { x[gid.x] *= K; }
     }`,
  ],
};

async function scaled(device: GPUDevice, pipeline: GPUComputePipeline): Promise<number[]> {
  const data = new Float32Array([1, 2, 3]);
  const buffer = device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const read = device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(buffer, 0, data);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer } }] }));
  pass.dispatchWorkgroups(1);
  pass.end();
  encoder.copyBufferToBuffer(buffer, 0, read, 0, data.byteLength);
  device.queue.submit([encoder.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const out = [...new Float32Array(read.getMappedRange())];
  for (const b of [buffer, read]) b.destroy();
  return out;
}

describe('compute pipelines', () => {
  it('are compiled once per device, source, entry point and constants, and reused', async () => {
    const d = gpu.device;
    const [a, b] = await Promise.all([computePipeline(d, SCALE, 'main', { K: 2, WG: 64 }), computePipeline(d, SCALE, 'main', { WG: 64, K: 2 })]);
    expect(b).toBe(a);
    const c = await computePipeline(d, SCALE, 'main', { K: 3, WG: 64 });
    expect(c).not.toBe(a);
    expect(await computePipeline(other.device, SCALE, 'main', { K: 2, WG: 64 })).not.toBe(a);
    // A pipeline taken from the cache computes with its own constants, on buffers bound anew.
    expect(await scaled(d, await computePipeline(d, SCALE, 'main', { K: 2, WG: 64 }))).toEqual([2, 4, 6]);
    expect(await scaled(d, c)).toEqual([3, 6, 9]);
  });

  it('name the kernel and the line of a WGSL error, every time they are asked for', async () => {
    const broken = { label: 'test/broken.wgsl', parts: ['@compute @workgroup_size(1)\nfn main() {\n  let x: u32 = 1.5;\n}'] };
    for (let k = 0; k < 2; k++) {
      await expect(computePipeline(gpu.device, broken, 'main')).rejects.toThrow(/WGSL compilation failed\ntest\/broken\.wgsl:3:/);
    }
    await expect(computePipeline(gpu.device, SCALE, 'absent')).rejects.toThrow(/^test\/scale\.wgsl:absent: /);
  });
});
