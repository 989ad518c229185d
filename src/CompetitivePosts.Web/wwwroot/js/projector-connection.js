// The connection every projector page keeps to its hub with the link's token: join with
// WatchAsProjector, apply the state it returns and every push of `event`, reconnect for as long
// as the screen is on, and go dark for good when the link is revoked or expires.
export function followAsProjector(root, event, apply) {
  const token = root.dataset.token;
  let closed = false;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(root.dataset.hub)
    // A projector keeps trying for as long as it is on: every 1 to 5 seconds, never giving up.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * (ctx.previousRetryCount + 1), 5000) })
    .build();

  function close() {
    closed = true;
    root.dataset.closed = 'true';
    connection.stop();
  }

  async function join() {
    try {
      apply(await connection.invoke('WatchAsProjector', token));
      root.dataset.online = 'true';
      root.dataset.joined = 'true';
    } catch (e) {
      if (String(e && e.message).includes('not valid')) {
        close();
      }
    }
  }

  async function start() {
    if (closed) {
      return;
    }
    try {
      await connection.start();
      await join();
    } catch {
      root.dataset.online = 'false';
      setTimeout(start, 3000);
    }
  }

  connection.on(event, apply);
  connection.on('ProjectorClosed', close);
  connection.onreconnecting(() => { root.dataset.online = 'false'; });
  connection.onreconnected(() => join());
  connection.onclose(() => {
    if (!closed) {
      root.dataset.online = 'false';
      setTimeout(start, 3000);
    }
  });

  start();
  return { close, isClosed: () => closed };
}
