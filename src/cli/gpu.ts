import { existsSync, readdirSync } from 'node:fs';
import { nodeGpu } from '../gpu/node';
import { NoAdapterError, requestEngineDevice, type EngineDevice } from '../gpu/device';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

function hasGpuDevice(): boolean {
  const dri = existsSync('/dev/dri') && readdirSync('/dev/dri').some((f) => f.startsWith('render'));
  return dri || existsSync('/dev/nvidia0');
}

/**
 * The GPU for the command line. On a machine without one, Dawn rejects Debian's lavapipe; Chromium's
 * SwiftShader works, so the command line falls back to it (a CPU emulation, slow but exact) when no
 * Vulkan driver was chosen explicitly with VK_ICD_FILENAMES.
 */
export async function cliDevice(): Promise<EngineDevice> {
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  const explicit = Boolean(process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES);
  const canFallBack = !explicit && existsSync(SWIFTSHADER_ICD);
  if (canFallBack && !hasGpuDevice()) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  try {
    return await requestEngineDevice(nodeGpu());
  } catch (e) {
    if (!(e instanceof NoAdapterError)) throw e;
    if (canFallBack && !process.env.VK_ICD_FILENAMES) {
      process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
      return requestEngineDevice(nodeGpu());
    }
    throw new Error(`${e.message}; install a Vulkan driver (or Debian's chromium for its SwiftShader), or use --cpu`);
  }
}
