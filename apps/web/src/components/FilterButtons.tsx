import { ToggleButton } from 'react-aria-components';

/** A set of mutually exclusive filters shown as toggle buttons (the chosen one is pressed); the URL keeps the choice. */
export function FilterButtons({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { state: string | undefined; label: string }[];
  value: string | undefined;
  onChange: (state: string | undefined) => void;
}) {
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{label}</legend>
      {options.map((o) => (
        <ToggleButton key={o.label} isSelected={value === o.state} onChange={() => onChange(o.state)}>
          {o.label}
        </ToggleButton>
      ))}
    </fieldset>
  );
}
