import { useExportStream } from '../../api/live';
import type { ExportRequest } from '../../api/types';

/** While a request is exporting: each Spectrum step as it is answered, announced politely to screen readers. */
export function LiveProgress({ request }: { request: ExportRequest }) {
  const { steps, request: live } = useExportStream(request.id, request.state === 'exporting');
  const total = steps[0]?.total ?? live?.steps?.length ?? request.steps?.length ?? 0;
  const recorded = live?.spectrumCalls ?? 0;
  const done = Math.max(steps.length, recorded);
  const last = steps.at(-1);
  return (
    <div aria-live="polite" className="muted">
      {total > 0 ? `Step ${done} of ${total}` : 'Starting…'}
      {last ? `: ${last.name}` : ''}
    </div>
  );
}
