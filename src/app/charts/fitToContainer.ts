import type uPlot from 'uplot';

/** Below this the axes and labels leave no plotting area. */
const MIN_WIDTH = 200;
const MIN_HEIGHT = 160;

/** The plot size that fills the container, less what uPlot puts above and below the plot (title). */
export function sizeFor(container: HTMLElement, plot: uPlot | null): { width: number; height: number } {
  // The content box: a plot sized to the padding box would push an auto-height container taller
  // by its padding on every resize.
  const style = getComputedStyle(container);
  const width = container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const height = container.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const chrome = plot ? plot.root.offsetHeight - plot.height : 0;
  return {
    width: Math.max(MIN_WIDTH, Math.floor(width)),
    height: Math.max(MIN_HEIGHT, Math.floor(height - chrome)),
  };
}

/**
 * Keeps the plot the size of its container; returns the disconnect. A container whose height
 * comes from its content instead of from CSS stays at the plot's height, without a resize loop:
 * the plot then takes the container's height, which is its own.
 */
export function fitToContainer(container: HTMLElement, plot: uPlot): () => void {
  const observer = new ResizeObserver(() => {
    // Hidden (display: none) containers measure 0 × 0; keep the last size for when they return.
    if (container.clientWidth === 0 && container.clientHeight === 0) return;
    const size = sizeFor(container, plot);
    if (size.width !== plot.width || size.height !== plot.height) plot.setSize(size);
  });
  observer.observe(container);
  return () => observer.disconnect();
}
