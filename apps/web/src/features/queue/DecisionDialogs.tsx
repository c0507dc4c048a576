import { useEffect, useState } from 'react';
import {
  Button,
  Dialog,
  FieldError,
  Form,
  Heading,
  Input,
  Label,
  Modal,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { ApiError } from '../../api/client';
import { useBulkDecide, useDecide, useExportPreview, useExportRequest } from '../../api/hooks';
import type { BulkDecisionResult, ExportRequest } from '../../api/types';
import { formatCents } from '../../components/money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SovHead } from '../../components/SovHead';
import { BulkOutcomes } from './BulkOutcomes';
import { describeItem, linesOf, TYPE_LABELS } from './describe';
import { ExportPreviewList } from './ExportPreview';

/**
 * Accept: shows exactly what the export will write to Spectrum (VER-1: every write with its fields, against what
 * Spectrum holds now, and every reason the accept would be refused), the key it will use and the item's lines, and
 * takes an optional note; the key can be edited before confirming and the writes follow it.
 */
export function AcceptDialog({
  request,
  onClose,
}: {
  request: ExportRequest;
  onClose: (accepted: boolean) => void;
}) {
  const detail = useExportRequest(request.id);
  const decide = useDecide();
  const [note, setNote] = useState('');
  const [key, setKey] = useState<string | null>(null);
  const prefill = detail.data?.prefill;
  const keyField = prefill && 'changeRequestId' in prefill ? 'changeRequestId' : 'spectrumId';
  const suggested = (prefill?.[keyField] as string | null | undefined) ?? '';
  const value = key ?? suggested;
  const lines = linesOf(detail.data ?? request);
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  const fieldErrors = decide.error instanceof ApiError ? decide.error.forField(keyField) : [];
  // the writes are planned again for a typed key once typing pauses (each plan reads Spectrum)
  const [planned, setPlanned] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setPlanned(key ?? ''), 400);
    return () => clearTimeout(t);
  }, [key]);
  const preview = useExportPreview(request, { field: keyField, value: planned });
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && onClose(false)}>
      <Dialog>
        {({ close }) => (
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              decide.mutate(
                {
                  action: 'accept',
                  id: request.id,
                  ...(note.trim() ? { note: note.trim() } : {}),
                  ...(value && value !== suggested ? { [keyField]: value } : {}),
                },
                {
                  onSuccess: () => {
                    close();
                    onClose(true);
                  },
                },
              );
            }}
            validationErrors={fieldErrors.length ? { [keyField]: fieldErrors } : {}}
          >
            <Heading slot="title">
              Accept {TYPE_LABELS[request.type] ?? request.type} {describeItem(request)}
            </Heading>
            {detail.isPending && <p aria-live="polite">Reading what Spectrum will receive…</p>}
            {detail.data && (
              <>
                <h3>What will be written to Spectrum</h3>
                {prefill?.blockedBy && prefill.blockedBy.length > 0 && (
                  <ul className="reasons" aria-label="Why the suggested key cannot be used">
                    {prefill.blockedBy.map((r) => (
                      <li key={r.code}>{r.message}</li>
                    ))}
                  </ul>
                )}
                {keyField && suggested !== null && (
                  <TextField name={keyField} value={value} onChange={setKey} className="field">
                    <Label>
                      {keyField === 'changeRequestId' ? 'Spectrum change request ID' : 'Spectrum ID'}
                    </Label>
                    <Input />
                    <Text slot="description">
                      {prefill?.rule && suggested
                        ? `Suggested: ${suggested}, made from ${prefill.rule}. You may change it.`
                        : "Suggested from the item's number; you may change it."}
                    </Text>
                    <FieldError />
                  </TextField>
                )}
                <div aria-live="polite" aria-busy={preview.isFetching}>
                  {preview.isPending && <p>Planning the writes and reading what Spectrum holds…</p>}
                  {preview.data && !preview.data.acceptable && preview.data.blockedBy.length > 0 && (
                    <ul className="reasons" aria-label="Why the export would be refused as it is">
                      {preview.data.blockedBy.map((r) => (
                        <li key={`${r.code}-${r.field ?? ''}`}>{r.message}</li>
                      ))}
                    </ul>
                  )}
                  {preview.data && <ExportPreviewList preview={preview.data} />}
                </div>
                <ProblemAlert error={preview.error} />
                {lines.length > 0 && (
                  <table className="data">
                    <caption>The item's lines</caption>
                    <SovHead />
                    <tbody>
                      {lines.map((l, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a line is its position in the schedule of values
                        <tr key={i}>
                          <td>{i + 1}</td>
                          <td>{l.costCode}</td>
                          <td>{l.costType}</td>
                          <td>{l.description ?? ''}</td>
                          <td className="num">{formatCents(l.amountCents)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row" colSpan={4}>
                          Total
                        </th>
                        <td className="num">{formatCents(total)}</td>
                      </tr>
                    </tfoot>
                  </table>
                )}
              </>
            )}
            <TextField name="note" value={note} onChange={setNote} className="field">
              <Label>Note (optional)</Label>
              <TextArea rows={2} />
            </TextField>
            <ProblemAlert error={decide.error && fieldErrors.length === 0 ? decide.error : null} />
            <div className="dialog-buttons">
              <Button onPress={() => onClose(false)}>Cancel</Button>
              <Button type="submit" data-variant="primary" isDisabled={decide.isPending || detail.isPending}>
                Accept and export
              </Button>
            </div>
          </Form>
        )}
      </Dialog>
    </Modal>
  );
}

/** Reject: a reason is required; the sender sees it and can edit the item again. */
export function RejectDialog({
  requests,
  onClose,
}: {
  requests: ExportRequest[];
  /** With the outcome of each request once they were rejected, false when cancelled. */
  onClose: (rejected: BulkDecisionResult | false) => void;
}) {
  const bulk = useBulkDecide();
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState<BulkDecisionResult | null>(null);
  const pending = bulk.isPending;
  const title =
    requests.length === 1
      ? `Reject ${describeItem(requests[0] as ExportRequest)}`
      : `Reject ${requests.length} requests`;
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && onClose(false)}>
      <Dialog>
        <Form
          onSubmit={async (e) => {
            e.preventDefault();
            // APP-9: one call for every request; each comes back with its own outcome
            const result = await bulk
              .mutateAsync({ action: 'reject', ids: requests.map((r) => r.id), reason: reason.trim() })
              .catch(() => null);
            if (!result) return;
            if (result.results.every((o) => o.outcome === 'rejected')) onClose(result);
            else setRefused(result);
          }}
        >
          <Heading slot="title">{title}</Heading>
          <TextField
            name="reason"
            isRequired
            value={reason}
            onChange={setReason}
            className="field"
            maxLength={2000}
          >
            <Label>Reason</Label>
            <TextArea rows={3} />
            <Text slot="description">
              The sender sees this reason and can change the item and send it again.
            </Text>
            <FieldError />
          </TextField>
          <ProblemAlert error={bulk.error} />
          {refused && <BulkOutcomes result={refused} action="reject" requests={requests} />}
          <div className="dialog-buttons">
            <Button onPress={() => onClose(false)}>Cancel</Button>
            <Button type="submit" data-variant="danger" isDisabled={pending || reason.trim().length === 0}>
              Reject
            </Button>
          </div>
        </Form>
      </Dialog>
    </Modal>
  );
}
