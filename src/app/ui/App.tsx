import { useEffect } from 'react';
import { useApp } from '../store';
import { AnalysisPanel } from './AnalysisPanel';
import { AtomPanel } from './AtomPanel';
import { CurvePanel } from './CurvePanel';
import { EventsPanel } from './EventsPanel';
import { ExportPanel } from './ExportPanel';
import { NoWebGpu } from './NoWebGpu';
import { SamplePanel } from './SamplePanel';
import { ShearPanel } from './ShearPanel';
import { mayEndRun } from './runGuard';
import { Viewer } from './Viewer';

/**
 * Space runs or pauses, S steps, R resets, A analyses the shown event (or the latest); never while
 * typing in a field or on a checkbox, which Space ticks. A direction just chosen keeps the focus
 * on its radio button, where Space would only choose it again: the shortcuts work there.
 */
function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest('input:not([type=radio]), select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = useApp.getState();
      if (s.phase !== 'ready') return;
      if (e.key === ' ') {
        e.preventDefault();
        if (s.aqs.state === 'running') s.pause();
        else if (s.aqs.state !== 'finished') s.run();
      } else if (e.key === 's' && s.aqs.state !== 'running') s.step();
      else if (e.key === 'r' && s.aqs.state !== 'running' && mayEndRun('Reset')) s.reset();
      else if (e.key === 'a' && s.events.length > 0 && s.analysis?.state !== 'running') s.analyse(s.selectedEvent ?? s.events[s.events.length - 1].index);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  useShortcuts();
  const phase = useApp((s) => s.phase);
  const reason = useApp((s) => s.noWebGpuReason);
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const dismiss = useApp((s) => s.dismissError);
  const resume = useApp((s) => s.resumeAfterLoss);
  if (phase === 'no-webgpu') return <NoWebGpu reason={reason} />;
  return (
    <div className="layout">
      <header>
        <h1>STZ Lab</h1>
        <p id="status" data-testid="status" role="status" aria-live="polite">
          {status}
        </p>
      </header>
      {error && (
        <div id="error" data-testid="error" role="alert">
          <span>{error}</span>
          {phase === 'lost' ? (
            <button type="button" onClick={resume} data-testid="resume">
              Resume
            </button>
          ) : (
            <button type="button" className="secondary" onClick={dismiss} aria-label="dismiss">
              ×
            </button>
          )}
        </div>
      )}
      <Viewer />
      <aside className="side">
        <ShearPanel />
        <CurvePanel />
        <EventsPanel />
      </aside>
      <div className="bottom">
        <AnalysisPanel />
        <AtomPanel />
        <SamplePanel />
        <ExportPanel />
      </div>
    </div>
  );
}
