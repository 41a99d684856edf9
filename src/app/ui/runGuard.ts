import { atomData } from '../atomData';
import { useApp } from '../store';

/**
 * Whether the current run may end: `what` names the act, as in "`what` ends the current run". A
 * sheared run can hold an hour of work on a slow GPU, so a stray click or key asks first; a run
 * not yet sheared has nothing to lose.
 */
export function mayEndRun(what: string): boolean {
  const s = useApp.getState();
  if (s.aqs.step === 0 && s.events.length === 0) return true;
  const analyses = atomData.analyses.size;
  const underWay = s.analysis?.state === 'running' ? ' and cancels the analysis under way' : '';
  return window.confirm(
    `${what} ends the current run (step ${s.aqs.step}, ${s.events.length} event${s.events.length === 1 ? '' : 's'}, ${analyses} ${analyses === 1 ? 'analysis' : 'analyses'})${underWay}: ` +
      'its curve, events and analyses are not kept. Export what you need first. Go on?',
  );
}
