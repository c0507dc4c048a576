import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useCaughtMail, useCaughtMessage } from '../../api/mail';
import { QueryView } from '../../components/QueryView';
import { mailRoute } from '../../router';

/**
 * The mail the service sent, as the demo's mail catcher received it (GEN-7): the rejection mails and the daily
 * summary. The open message is in the URL (`?id=`), so it can be shared and the back button closes it.
 */
export function MailPage() {
  const { id } = mailRoute.useSearch();
  const mail = useCaughtMail();
  return (
    <>
      <h1>Mail</h1>
      <QueryView query={mail} what="the caught mail">
        {(list) => (
          <>
            <p>{list.note}</p>
            <Button onPress={() => mail.refetch()} isDisabled={mail.isFetching}>
              Check for new mail
            </Button>
            {list.items.length === 0 ? (
              <p className="muted">{list.enabled ? 'No mail was sent yet.' : 'No mail is kept here.'}</p>
            ) : (
              <table className="data">
                <caption className="visually-hidden">Caught mail, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Received</th>
                    <th scope="col">To</th>
                    <th scope="col">Subject</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((m) => (
                    <tr key={m.id} aria-current={m.id === id ? 'true' : undefined}>
                      <td>{new Date(m.receivedAt).toLocaleString()}</td>
                      <td>{m.to.join(', ')}</td>
                      <td>
                        <Link to="/admin/mail" search={{ id: m.id }}>
                          {m.subject || '(no subject)'}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryView>
      {id !== undefined && <Message id={id} />}
    </>
  );
}

function Message({ id }: { id: string }) {
  const message = useCaughtMessage(id);
  const heading = useRef<HTMLHeadingElement>(null);
  // the opened message takes the focus, so a keyboard or screen reader user lands on what they opened
  useEffect(() => {
    if (message.data) heading.current?.focus();
  }, [message.data]);
  return (
    <section className="card" aria-labelledby="mail-subject">
      <QueryView query={message} what="the message">
        {(m) => (
          <>
            <h2 id="mail-subject" ref={heading} tabIndex={-1}>
              {m.subject || '(no subject)'}
            </h2>
            <dl className="facts">
              <dt>From</dt>
              <dd>{m.from}</dd>
              <dt>To</dt>
              <dd>{m.to.join(', ')}</dd>
              <dt>Received</dt>
              <dd>{new Date(m.receivedAt).toLocaleString()}</dd>
            </dl>
            <pre className="mail-text">{m.text}</pre>
            <Link to="/admin/mail" search={{}}>
              Close the message
            </Link>
          </>
        )}
      </QueryView>
    </section>
  );
}
