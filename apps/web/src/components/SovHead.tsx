import type { ReactNode } from 'react';

/** The column headers of a schedule of values (lines of a commitment or change order), plus any extra columns. */
export function SovHead({ extra }: { extra?: ReactNode }) {
  return (
    <thead>
      <tr>
        <th scope="col">Line</th>
        <th scope="col">Cost code</th>
        <th scope="col">Cost type</th>
        <th scope="col">Description</th>
        <th scope="col" className="num">
          Amount
        </th>
        {extra}
      </tr>
    </thead>
  );
}
