import { exportActions } from '../exports';
import { useApp } from '../store';

export function ExportPanel() {
  const events = useApp((s) => s.events.length);
  const analysed = useApp((s) => s.classification !== null);
  const act = (f: () => void | Promise<void>) => () => {
    Promise.resolve()
      .then(f)
      .catch((e: Error) => useApp.setState({ error: `Export failed: ${e.message}` }));
  };
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div className="buttons wrap">
        <button type="button" className="secondary" onClick={act(exportActions.extxyz)} data-testid="export-extxyz">
          Extended XYZ (OVITO)
        </button>
        <button type="button" className="secondary" onClick={act(exportActions.curve)} data-testid="export-curve">
          Stress–strain CSV
        </button>
        <button type="button" className="secondary" onClick={act(exportActions.events)} disabled={events === 0} data-testid="export-events">
          Events CSV
        </button>
        <button type="button" className="secondary" onClick={act(exportActions.summary)} disabled={!analysed} data-testid="export-summary">
          Analysis JSON
        </button>
        <button type="button" className="secondary" onClick={act(exportActions.png)} data-testid="export-png">
          PNG of the view
        </button>
      </div>
    </section>
  );
}
