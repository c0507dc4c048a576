import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';

export interface CallLimitsInput {
  maxConcurrentCalls: string;
  callsPerSecond: string;
}

/**
 * What the page sends for a limit: nothing when empty (the stored value stays), the number when it is one, else the
 * text as typed so that the service names the field and the rule (OPS-11) instead of the page guessing.
 */
export function limitValue(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** The two limits, as the form shows them (the service checks the ranges). */
const FIELDS: { name: keyof CallLimitsInput; label: string; description: string }[] = [
  { name: 'maxConcurrentCalls', label: 'Calls at once', description: '1 to 32 (4 suits a small server).' },
  { name: 'callsPerSecond', label: 'Calls per second', description: '1 to 500 (10 suits a small server).' },
];

/**
 * OPS-10, OPS-11: how much load the service may put on the Spectrum server, across every instance. Part of the
 * connection form (saved with it).
 */
export function CallLimitsFields({
  value,
  onChange,
}: {
  value: CallLimitsInput;
  onChange: (next: CallLimitsInput) => void;
}) {
  return (
    <fieldset className="field">
      <legend>Load on the Spectrum server</legend>
      <p className="muted">
        Shared by every instance of the service: exports, imports, syncs and connection tests wait for a free
        call rather than go over these numbers.
      </p>
      {FIELDS.map((f) => (
        <TextField
          key={f.name}
          name={f.name}
          value={value[f.name]}
          onChange={(v) => onChange({ ...value, [f.name]: v })}
          inputMode="numeric"
          className="field"
        >
          <Label>{f.label}</Label>
          <Input />
          <Text slot="description">{f.description}</Text>
          <FieldError />
        </TextField>
      ))}
    </fieldset>
  );
}
