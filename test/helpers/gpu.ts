import { nodeGpu } from '../../src/gpu/node';
import { requestEngineDevice, type EngineDevice } from '../../src/gpu/device';

/**
 * The Node WebGPU device for kernel tests. A machine without an adapter fails these tests: a GPU
 * test that skipped would pass while testing nothing.
 */
export async function testDevice(): Promise<EngineDevice> {
  return requestEngineDevice(nodeGpu());
}
