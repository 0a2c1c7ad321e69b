import http from 'node:http';

/**
 * A stand-in for the SMS gateway, the Telegram Bot API and the chat-bot's
 * callback on a developer's machine: it answers as they do and prints each
 * notice the desk sends, one JSON line each, so the quick start shows what
 * a participant would receive. Never used outside `npm start`.
 */
const port = Number(process.argv[2] ?? 3099);

function channelOf(url: string): string {
  if (url.startsWith('/sms')) return 'sms';
  if (url.startsWith('/chatbot')) return 'chatbot';
  if (url.includes('/sendMessage')) return 'telegram';
  return 'unknown';
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];

  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const channel = channelOf(req.url ?? '');
    let body: unknown = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = Buffer.concat(chunks).toString('utf8');
    }

    console.log(JSON.stringify({ at: new Date().toISOString(), channel, body }));
    res.writeHead(channel === 'unknown' ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(channel === 'telegram' ? { ok: true, result: {} } : { ok: true }));
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: `http://127.0.0.1:${port}` }));
});
