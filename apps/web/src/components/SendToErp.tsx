import { useSendToErp } from '../api/hooks';
import type { BlockedAction, SyncState } from '../api/types';
import { ActionButton } from './ActionButton';
import { ProblemAlert } from './ProblemAlert';
import { StateBadge } from './StateBadge';

interface Props {
  /** The exportable item: its type and id as `sendToErp` takes them, and its reasons (API-4). */
  item: { type: string; id: string; blockedBy: BlockedAction[] };
  /** What the item is called in the refusal's heading ("The commitment", "SC-9 Steel"). */
  what: string;
  label?: string;
  /** Names the item for screen readers when several rows have the same button. */
  itemLabel?: string;
}

/** Send to ERP (APP-1) with every reason it is unavailable, the refusal in words, and what happens next. */
export function SendToErp({ item, what, label = 'Send to ERP', itemLabel }: Props) {
  const send = useSendToErp();
  return (
    <>
      <ActionButton
        action="sendToErp"
        label={label}
        variant="primary"
        blockedBy={item.blockedBy}
        isPending={send.isPending}
        onPress={() => send.mutate({ type: item.type, id: item.id })}
        {...(itemLabel ? { itemLabel } : {})}
      />
      <ProblemAlert error={send.error} heading={`${what} was not sent`} />
      {send.isSuccess && <p role="status">Sent: it waits for an accounting approver as Ready to Export.</p>}
    </>
  );
}

/** An item's sync state, Spectrum key and last error, with Send to ERP: the head of every PM editor. */
export function SyncCard({
  item,
  what,
}: {
  item: Props['item'] & { state: SyncState | null; spectrumKey: string | null; lastError: string | null };
  what: string;
}) {
  return (
    <div className="card">
      <p>
        Sync state: <StateBadge state={item.state} />{' '}
        {item.spectrumKey && <>Spectrum key {item.spectrumKey}</>}
      </p>
      {item.lastError && <p className="error-text">{item.lastError}</p>}
      <SendToErp item={item} what={what} />
    </div>
  );
}
