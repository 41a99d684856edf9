import { useApp } from '../store';

export function EventsPanel() {
  const events = useApp((s) => s.events);
  const selected = useApp((s) => s.selectedEvent);
  const analysis = useApp((s) => s.analysis);
  const { selectEvent, analyse } = useApp.getState();
  const running = analysis?.state === 'running';
  return (
    <section className="panel" aria-labelledby="events-title">
      <h2 id="events-title">Plastic events</h2>
      {events.length === 0 ? (
        <p className="note" data-testid="no-events">
          None yet: an event is a step whose relaxation drops the shear stress by more than the threshold.
        </p>
      ) : (
        <table className="events" data-testid="events">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">strain (%)</th>
              <th scope="col">drop (MPa)</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.index} className={e.index === selected ? 'selected' : ''} onClick={() => selectEvent(e.index)} data-testid={`event-${e.index}`}>
                <td>{e.index}</td>
                <td>{(100 * e.strain).toFixed(3)}</td>
                <td>{e.dropMPa.toFixed(2)}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    disabled={running}
                    data-testid={`analyse-${e.index}`}
                    onClick={(ev) => {
                      ev.stopPropagation();
                      analyse(e.index);
                    }}
                  >
                    Analyse
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
