/**
 * Shown instead of the app when the browser has no usable WebGPU: the engine runs only on the GPU,
 * so there is nothing to fall back to.
 */
export function NoWebGpu({ reason }: { reason: string }) {
  return (
    <section id="no-webgpu" data-testid="no-webgpu" role="alert">
      <h1>WebGPU is not available in this browser</h1>
      <p>
        STZ Lab computes EAM energies, forces and stresses on the GPU through WebGPU. Its engine needs WebGPU and has no CPU fallback, so it cannot
        run here.
      </p>
      <p className="note">What the browser reported: {reason}</p>
      <h2>Browsers with WebGPU</h2>
      <ul>
        <li>Chrome or Edge 113 or newer on Windows, macOS and ChromeOS (on by default)</li>
        <li>Chrome 121 or newer on Android 12+ (recent Qualcomm and ARM GPUs)</li>
        <li>Safari 26 or newer on macOS, iOS and iPadOS; Firefox 141 or newer on Windows</li>
        <li>Chrome and Chromium on Linux: mostly behind flags, see below</li>
      </ul>
      <h2>How to enable it</h2>
      <ol>
        <li>Use one of the browsers above, up to date, with hardware acceleration on (Chrome: Settings → System → “Use graphics acceleration when available”).</li>
        <li>
          Linux (Chrome/Chromium): open <code>chrome://flags/#enable-unsafe-webgpu</code> and set it to Enabled, enable Vulkan at{' '}
          <code>chrome://flags/#enable-vulkan</code>, then relaunch. From a terminal: <code>google-chrome --enable-unsafe-webgpu --enable-features=Vulkan</code>.
        </li>
        <li>Check <code>chrome://gpu</code>: the “WebGPU” line should read “Hardware accelerated”. If your GPU is blocklisted, updating its driver often helps.</li>
      </ol>
    </section>
  );
}
