import { useEffect, useRef } from 'react';
import { StressStrainChart } from '../charts/stressStrainChart';
import { atomData, onAtomData } from '../atomData';
import { useApp } from '../store';

export function CurvePanel() {
  const box = useRef<HTMLDivElement>(null);
  const direction = useApp((s) => s.params.direction);
  useEffect(() => {
    const chart = new StressStrainChart(box.current!);
    const draw = () => {
      const s = useApp.getState();
      chart.setCurve(atomData.curve.strain, atomData.curve.stress);
      chart.setEvents(s.events);
      chart.setSelectedEvent(s.selectedEvent);
    };
    const offClick = chart.onEventClick((i) => useApp.getState().selectEvent(i));
    const offData = onAtomData(draw);
    const offStore = useApp.subscribe((s, p) => {
      if (s.events !== p.events || s.selectedEvent !== p.selectedEvent) draw();
    });
    draw();
    return () => {
      offClick();
      offData();
      offStore();
      chart.dispose();
    };
  }, []);
  return (
    <section className="panel" aria-labelledby="curve-title">
      <h2 id="curve-title">Stress–strain ({direction.replace('-', '−')} shear stress)</h2>
      <div className="chart curve" ref={box} data-testid="stress-strain" />
    </section>
  );
}
