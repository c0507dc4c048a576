import { useId } from 'react';
import { Button } from 'react-aria-components';
import type { BlockedAction } from '../api/types';

interface Props {
  /** The API operation this button runs (its name in `blockedBy`). */
  action: string;
  label: string;
  blockedBy: BlockedAction[] | undefined;
  onPress: () => void;
  isPending?: boolean;
  variant?: 'primary' | 'danger';
  /** Names the item for screen readers when several rows have the same button ("Accept SC-9"). */
  itemLabel?: string;
}

/**
 * A button for one action of an item. When the service says the action is unavailable, the button is disabled and
 * every reason is written out beside it (and tied to it with aria-describedby), not hidden in a tooltip.
 */
export function ActionButton({ action, label, blockedBy, onPress, isPending, variant, itemLabel }: Props) {
  const id = useId();
  const reasons = blockedBy?.find((b) => b.action === action)?.reasons ?? [];
  const blocked = reasons.length > 0;
  return (
    <div className="action">
      <Button
        data-variant={variant}
        isDisabled={blocked || isPending}
        onPress={onPress}
        aria-label={itemLabel ? `${label} ${itemLabel}` : undefined}
        aria-describedby={blocked ? id : undefined}
      >
        {isPending ? `${label}…` : label}
      </Button>
      {blocked && (
        <div id={id}>
          <span className="visually-hidden">{label} is unavailable: </span>
          <ul className="reasons">
            {reasons.map((r) => (
              <li key={`${r.code}-${r.field ?? ''}`}>
                {r.message} <span className="muted">({r.rule})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
