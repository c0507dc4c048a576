import { ApiError } from '../api/client';

/** A refused or failed call, in the service's words: the problem's title, detail and each error. */
export function ProblemAlert({ error, heading }: { error: unknown; heading?: string }) {
  if (!error) return null;
  const problem =
    error instanceof ApiError
      ? error.problem
      : {
          title: 'Something went wrong',
          detail: error instanceof Error ? error.message : String(error),
          errors: [],
        };
  return (
    <div className="alert" role="alert">
      <h3>{heading ?? problem.title}</h3>
      <p>{problem.detail}</p>
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: errors have no identity of their own
            <li key={i}>
              {e.field ? <strong>{e.field}: </strong> : null}
              {e.message}
              {e.rule ? <span className="muted"> ({e.rule})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
