import { Link } from '@tanstack/react-router';

/** Cursor paging in the URL, so a page can be bookmarked. */
export function Pager({
  type,
  search,
  nextCursor,
}: {
  type: string;
  search: Record<string, string | undefined>;
  nextCursor: string | null;
}) {
  return (
    <div className="pager">
      {search.cursor && (
        <Link to="/items/$type" params={{ type }} search={{ ...search, cursor: undefined }}>
          First page
        </Link>
      )}
      {nextCursor && (
        <Link to="/items/$type" params={{ type }} search={{ ...search, cursor: nextCursor }}>
          Next page
        </Link>
      )}
    </div>
  );
}
