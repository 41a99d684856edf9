import { useEffect, useRef } from 'react';
import { LogHistogramChart } from '../charts/logHistogramChart';
import type { ColormapName } from '../view3d/colormaps';
import { useApp, type Descriptor } from '../store';

interface Props {
  readonly descriptor: Descriptor;
  readonly title: string;
  readonly unit: string;
  readonly values: Float64Array;
  readonly signed?: boolean;
  readonly integer?: boolean;
  readonly colormap: ColormapName;
  readonly gap?: readonly [number, number] | null;
  readonly threshold?: number | null;
  readonly onThreshold?: (v: number) => void;
}

/** One descriptor's histogram; dragging across it highlights those atoms in the view. */
export function Histogram(p: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<LogHistogramChart | null>(null);
  const onThreshold = useRef(p.onThreshold);
  onThreshold.current = p.onThreshold;

  useEffect(() => {
    const c = new LogHistogramChart(box.current!, { title: p.title, unit: p.unit, colormap: p.colormap });
    chart.current = c;
    const offRange = c.onRangeSelect((range) => useApp.getState().setHighlight(range ? { descriptor: p.descriptor, range } : null));
    const offLine = c.onThresholdChange((v) => onThreshold.current?.(v));
    return () => {
      offRange();
      offLine();
      c.dispose();
      chart.current = null;
    };
  }, [p.title, p.unit, p.colormap, p.descriptor]);

  useEffect(() => {
    const finite = p.values.filter((v) => Number.isFinite(v));
    if (finite.length > 0) chart.current?.setValues(finite, { signed: p.signed, integer: p.integer });
  }, [p.values, p.signed, p.integer]);
  useEffect(() => chart.current?.setGap(p.gap ? [p.gap[0], p.gap[1]] : null), [p.gap]);
  useEffect(() => chart.current?.setThreshold(p.threshold ?? null), [p.threshold]);
  const highlight = useApp((s) => s.highlight);
  useEffect(() => chart.current?.setSelectedRange(highlight?.descriptor === p.descriptor ? [highlight.range[0], highlight.range[1]] : null), [highlight, p.descriptor]);

  return <div className="chart histogram" ref={box} data-testid={`histogram-${p.descriptor}`} />;
}
